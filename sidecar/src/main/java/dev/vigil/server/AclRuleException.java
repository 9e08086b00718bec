package dev.vigil.server;

/** An ACL rule that Valkey would refuse; the message is Valkey's reason text. */
final class AclRuleException extends Exception {
  static final String UNKNOWN_NAME = "Unknown command or category name in ACL";
  static final String SYNTAX = "Syntax error";
  static final String NO_SUCH_PASSWORD =
      "The password you are trying to remove from the user does not exist";
  static final String BAD_HASH =
      "The password hash must be exactly 64 characters and contain only lowercase hexadecimal"
          + " characters";
  static final String KEYS_AFTER_ALL =
      "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not have"
          + " any effect. Try 'resetkeys' to start with an empty list of patterns";
  static final String CHANNELS_AFTER_ALL =
      "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does not"
          + " have any effect. Try 'resetchannels' to start with an empty list of channels";

  AclRuleException(String message) {
    super(message, null, false, false);
  }
}
