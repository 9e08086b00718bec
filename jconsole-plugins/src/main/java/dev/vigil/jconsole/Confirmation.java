package dev.vigil.jconsole;

import java.awt.Component;
import javax.swing.JOptionPane;

/** Asks the operator to confirm a dangerous action; replaceable so tests can answer. */
@FunctionalInterface
interface Confirmation {
  boolean confirm(Component parent, String title, String question);

  Confirmation DIALOG =
      (parent, title, question) ->
          JOptionPane.showConfirmDialog(
                  parent,
                  question,
                  title,
                  JOptionPane.OK_CANCEL_OPTION,
                  JOptionPane.WARNING_MESSAGE)
              == JOptionPane.OK_OPTION;
}
