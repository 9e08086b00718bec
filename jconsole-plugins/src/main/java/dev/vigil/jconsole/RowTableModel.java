package dev.vigil.jconsole;

import java.util.List;
import java.util.function.Function;
import javax.swing.table.AbstractTableModel;

/**
 * A read-only table of immutable rows, one column per accessor. Mutated only on the event thread.
 */
final class RowTableModel<T> extends AbstractTableModel {
  /** A column: its header and how to read its cell from a row. */
  record Column<T>(String header, Function<T, Object> value) {}

  private final List<Column<T>> columns;
  private List<T> rows = List.of();

  RowTableModel(List<Column<T>> columns) {
    this.columns = List.copyOf(columns);
  }

  void setRows(List<T> newRows) {
    if (!newRows.equals(rows)) {
      rows = List.copyOf(newRows);
      fireTableDataChanged();
    }
  }

  List<T> rows() {
    return rows;
  }

  @Override
  public int getRowCount() {
    return rows.size();
  }

  @Override
  public int getColumnCount() {
    return columns.size();
  }

  @Override
  public String getColumnName(int column) {
    return columns.get(column).header();
  }

  @Override
  public Object getValueAt(int row, int column) {
    Object v = columns.get(column).value().apply(rows.get(row));
    return v == null ? "" : v;
  }
}
