package dev.vigil.management;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

class ConnectHintsTest {
  @Test
  void curlQuotesCredentialsAndBodyForTheShell() {
    assertEquals(
        "curl -s -u 'admin:it'\\''s' -H 'Content-Type: application/json' -d"
            + " '{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name=m1\",\"operation\":\"failover\"}'"
            + " http://127.0.0.1:8778/jolokia",
        ConnectHints.curlFailover("http://127.0.0.1:8778/jolokia", "admin", "it's", "m1"));
    assertEquals(
        "curl -s -H 'Content-Type: application/json' -d"
            + " '{\"type\":\"exec\",\"mbean\":\"vigil:type=Master,name=m1\",\"operation\":\"failover\"}'"
            + " http://h/jolokia",
        ConnectHints.curlFailover("http://h/jolokia", null, null, "m1"));
  }

  @Test
  void jconsoleAttachesLocallyOrConnectsRemotely() throws Exception {
    assertEquals("jconsole 4242", ConnectHints.jconsole(4242, null, null));
    JMXServiceURL url =
        new JMXServiceURL("service:jmx:rmi://127.0.0.1:9999/jndi/rmi://127.0.0.1:9999/jmxrmi");
    assertEquals(
        "jconsole -pluginpath '/p/plugin.jar' 'service:jmx:rmi://127.0.0.1:9999/jndi/rmi://127.0.0.1:9999/jmxrmi'",
        ConnectHints.jconsole(4242, url, "/p/plugin.jar"));
  }
}
