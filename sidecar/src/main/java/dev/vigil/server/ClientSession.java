package dev.vigil.server;

import dev.vigil.resp.RespProtocol;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The state of one client connection (Valkey's {@code client} struct, the parts a sentinel uses).
 *
 * <p>Mutated only on the connection's event loop. Fields shown by CLIENT LIST/INFO on other
 * connections are volatile so those views are never torn.
 */
final class ClientSession implements ClientView {
  private final long id;
  private final Channel channel;
  private final long createdMillis;
  private final AclStore acl;

  private volatile String name = "";
  private volatile String libName = "";
  private volatile String libVersion = "";
  private volatile String userName = AclStore.DEFAULT_USER;
  private volatile boolean authenticated;
  private volatile long lastInteractionMillis;
  private volatile String lastCommand = "NULL";
  private volatile long commandsProcessed;
  private volatile long bytesIn;
  private volatile long bytesOut;
  private volatile boolean noEvict;
  private volatile boolean replyOff;

  private final ClientTracking tracking = new ClientTracking();
  private boolean skipCurrentReply;
  private boolean skipNextReply;

  private final Set<String> channels = new LinkedHashSet<>();
  private final Set<String> patterns = new LinkedHashSet<>();
  private volatile int subscriptionCount;
  private volatile int patternCount;

  ClientSession(long id, Channel channel, long nowMillis, AclStore acl) {
    this.id = id;
    this.channel = channel;
    this.createdMillis = nowMillis;
    this.lastInteractionMillis = nowMillis;
    this.acl = acl;
    AclUser def = acl.defaultUser();
    // Valkey's createClient: a client is born authenticated when the default user needs no
    // password.
    this.authenticated = def.noPass() && def.enabled();
  }

  @Override
  public long id() {
    return id;
  }

  public Channel channel() {
    return channel;
  }

  @Override
  public String userName() {
    return userName;
  }

  @Override
  public int protocolVersion() {
    return RespProtocol.of(channel).version();
  }

  public RespProtocol protocol() {
    return RespProtocol.of(channel);
  }

  void setProtocol(RespProtocol protocol) {
    RespProtocol.set(channel, protocol);
  }

  @Override
  public String address() {
    return format(channel.remoteAddress());
  }

  public String localAddress() {
    return format(channel.localAddress());
  }

  static String format(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress() + ":" + inet.getPort();
    }
    return String.valueOf(address);
  }

  /** Valkey's authRequired(): the default user has a password (or is off) and we did not AUTH. */
  boolean authRequired() {
    if (authenticated) {
      return false;
    }
    AclUser def = acl.defaultUser();
    return !def.noPass() || !def.enabled();
  }

  void authenticatedAs(String user) {
    this.userName = user;
    this.authenticated = true;
  }

  long createdMillis() {
    return createdMillis;
  }

  String name() {
    return name;
  }

  void setName(String name) {
    this.name = name;
  }

  String libName() {
    return libName;
  }

  void setLibName(String libName) {
    this.libName = libName;
  }

  String libVersion() {
    return libVersion;
  }

  void setLibVersion(String libVersion) {
    this.libVersion = libVersion;
  }

  long lastInteractionMillis() {
    return lastInteractionMillis;
  }

  String lastCommand() {
    return lastCommand;
  }

  long commandsProcessed() {
    return commandsProcessed;
  }

  /** Before the handler runs, so CLIENT INFO shows itself as the current command. */
  void commandStarting(String fullName) {
    lastCommand = fullName;
  }

  ClientTracking tracking() {
    return tracking;
  }

  void commandExecuted(long nowMillis) {
    tracking.commandDone(lastCommand);
    lastInteractionMillis = nowMillis;
    commandsProcessed++;
  }

  void touched(long nowMillis) {
    lastInteractionMillis = nowMillis;
  }

  void addBytesIn(long n) {
    bytesIn += n;
  }

  void addBytesOut(long n) {
    bytesOut += n;
  }

  long bytesIn() {
    return bytesIn;
  }

  long bytesOut() {
    return bytesOut;
  }

  boolean noEvict() {
    return noEvict;
  }

  void setNoEvict(boolean on) {
    this.noEvict = on;
  }

  // --- CLIENT REPLY ON|OFF|SKIP, as Valkey's CLIENT_REPLY_OFF / _SKIP_NEXT / _SKIP flags.

  void setReplyOff(boolean off) {
    this.replyOff = off;
  }

  void skipNextReply() {
    if (!replyOff) {
      skipNextReply = true;
    }
  }

  /** Called after each command: whether its reply is dropped; advances the SKIP state. */
  boolean replySuppressedAfterCommand() {
    boolean suppressed = replyOff || skipCurrentReply;
    skipCurrentReply = false;
    if (skipNextReply) {
      skipCurrentReply = true;
      skipNextReply = false;
    }
    return suppressed;
  }

  boolean repliesOff() {
    return replyOff;
  }

  // --- pub/sub

  Set<String> channels() {
    return channels;
  }

  Set<String> patterns() {
    return patterns;
  }

  void subscriptionsChanged() {
    subscriptionCount = channels.size();
    patternCount = patterns.size();
  }

  int channelCount() {
    return subscriptionCount;
  }

  int patternCount() {
    return patternCount;
  }

  /** Valkey's CLIENT_PUBSUB flag: at least one channel or pattern subscription. */
  boolean inPubSubMode() {
    return subscriptionCount + patternCount > 0;
  }

  /**
   * Delivers an already encoded pub/sub message from any thread (takes ownership of the buffer);
   * dropped while CLIENT REPLY is OFF. The message is encoded before it is queued so the channel's
   * pending-bytes count, and so its writability, is right at once: a subscriber that stops reading
   * is disconnected once its pending output passes the high water mark, like Valkey's {@code
   * client-output-buffer-limit pubsub} hard limit, and one stuck client cannot exhaust the heap.
   */
  void deliver(io.netty.buffer.ByteBuf encoded) {
    if (replyOff || !channel.isActive()) {
      encoded.release();
      return;
    }
    if (!channel.isWritable()) {
      encoded.release();
      channel.close();
      return;
    }
    channel.writeAndFlush(encoded, channel.voidPromise());
  }

  List<String> flagsForList() {
    return List.of(inPubSubMode() ? "P" : "N");
  }
}
