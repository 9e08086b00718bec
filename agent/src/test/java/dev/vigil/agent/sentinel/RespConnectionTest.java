package dev.vigil.agent.sentinel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RespConnectionTest {
  private static Object decode(String wire) throws IOException {
    return RespConnection.readReply(
        new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void encodesCommandsAsBulkArrays() {
    assertArrayEquals(
        "*3\r\n$8\r\nSENTINEL\r\n$23\r\nget-master-addr-by-name\r\n$8\r\nmymaster\r\n"
            .getBytes(StandardCharsets.UTF_8),
        RespConnection.encode("SENTINEL", "get-master-addr-by-name", "mymaster"));
  }

  @Test
  void decodesEveryRespTwoType() throws IOException {
    assertEquals("OK", decode("+OK\r\n"));
    assertEquals(42L, decode(":42\r\n"));
    assertNull(decode("$-1\r\n"));
    assertNull(decode("*-1\r\n"));
    assertEquals("a\r\nb", decode("$4\r\na\r\nb\r\n"));
    assertEquals(
        Arrays.asList("message", "+switch-master", "m 1.1.1.1 1 2.2.2.2 2"),
        decode("*3\r\n$7\r\nmessage\r\n$14\r\n+switch-master\r\n$21\r\nm 1.1.1.1 1 2.2.2.2 2\r\n"));
    Object error = decode("-ERR unknown command\r\n");
    assertTrue(error instanceof RespConnection.ErrorReply);
    assertEquals("ERR unknown command", ((RespConnection.ErrorReply) error).message());
  }

  @Test
  void rejectsMalformedInput() {
    assertThrows(IOException.class, () -> decode("?what\r\n"));
    assertThrows(IOException.class, () -> decode(":notanumber\r\n"));
    assertThrows(EOFException.class, () -> decode("$10\r\nshort"));
    assertThrows(EOFException.class, () -> decode(""));
  }
}
