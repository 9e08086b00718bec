package dev.vigil.resp;

/**
 * Request size limits, checked as soon as a length header arrives (before the payload is buffered).
 * Defaults are Valkey's.
 *
 * @param maxBulkLength {@code proto-max-bulk-len}, 512 MB
 * @param maxMultibulkLength largest argument count; Valkey 8 accepts up to INT_MAX
 * @param maxInlineLength PROTO_INLINE_MAX_SIZE: longest inline line or length header, 64 KB
 * @param unauthenticatedMaxArgs a client that still has to AUTH may send at most 10 arguments
 * @param unauthenticatedMaxBulkLength ... each at most 16 KB long
 */
public record RespLimits(
    long maxBulkLength,
    long maxMultibulkLength,
    int maxInlineLength,
    int unauthenticatedMaxArgs,
    int unauthenticatedMaxBulkLength) {

  public static final RespLimits VALKEY_DEFAULTS =
      new RespLimits(512L * 1024 * 1024, Integer.MAX_VALUE, 64 * 1024, 10, 16 * 1024);

  public RespLimits {
    if (maxBulkLength < 0 || maxMultibulkLength < 0 || maxInlineLength <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public RespLimits withMaxBulkLength(long max) {
    return new RespLimits(
        max,
        maxMultibulkLength,
        maxInlineLength,
        unauthenticatedMaxArgs,
        unauthenticatedMaxBulkLength);
  }
}
