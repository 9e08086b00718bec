/**
 * Management interfaces of the Vigil {@code -javaagent}. They are registered in the application's
 * platform MBeanServer under domain {@code vigil}; the agent jar carries copies of these types, so
 * nothing else of Vigil's needs to be on the application's class path.
 */
package dev.vigil.jmx.agent;
