/** The Vigil JConsole plugin tab. */
package dev.vigil.jconsole;
