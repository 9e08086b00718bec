/**
 * MXBean interfaces and open-type value types of Vigil's management plane (domain {@code vigil}).
 */
package dev.vigil.jmx;
