/**
 * Immutable views of the engine's state for the management plane: the small adapter surface the
 * MBeans, metrics and health checks read, so they can be tested with hand-built values.
 */
package dev.vigil.management.view;
