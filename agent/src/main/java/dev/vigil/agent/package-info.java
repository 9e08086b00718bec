/** The Vigil {@code -javaagent}: transparent Sentinel failover for legacy Jedis pools. */
package dev.vigil.agent;
