//! The row being assembled from a format's cells, with the per-row limits: columns, bytes
//! of a cell, rows of a sheet and cells of a sheet (checked before anything grows).

use super::{Cell, SheetError, SheetLimit, SheetLimits};

/// Cells of the current row by column, and the sheet's running counts.
#[derive(Debug)]
pub(crate) struct RowBuf {
    cells: Vec<Cell>,
    /// The current row's number (1-based; may pass `u32` in an ODS file of repeated rows).
    line: u64,
    /// Cells with a value in the current row.
    values: usize,
    /// Cells with a value yielded so far.
    total: u64,
    max_columns: usize,
    max_cell_bytes: usize,
    max_rows: u32,
    max_cells: u64,
}

impl RowBuf {
    pub(crate) fn new(limits: &SheetLimits) -> Self {
        RowBuf {
            cells: Vec::new(),
            line: 0,
            values: 0,
            total: 0,
            max_columns: limits.max_columns,
            max_cell_bytes: limits.max_cell_bytes,
            max_rows: limits.max_rows,
            max_cells: limits.max_cells,
        }
    }

    /// Starts row `line`, with no cell.
    pub(crate) fn start(&mut self, line: u64) {
        self.cells.clear();
        self.values = 0;
        self.line = line;
    }

    /// Moves the current row (kept as it is) to `line`: a repeated row.
    pub(crate) fn set_line(&mut self, line: u64) {
        self.line = line;
    }

    /// The current row's number.
    pub(crate) fn line(&self) -> u64 {
        self.line
    }

    /// The current row has a value.
    pub(crate) fn has_values(&self) -> bool {
        self.values > 0
    }

    fn line32(&self) -> u32 {
        u32::try_from(self.line).unwrap_or(u32::MAX)
    }

    /// Sets column `col` (0-based) of the current row. An empty cell changes nothing
    /// (unless it replaces a value); a value past `max_columns` or longer than
    /// `max_cell_bytes` is an error.
    pub(crate) fn set(&mut self, col: u64, cell: Cell) -> Result<(), SheetError> {
        let empty = cell.is_empty();
        let Some(i) = usize::try_from(col).ok().filter(|&i| i < self.max_columns) else {
            if empty {
                return Ok(());
            }
            return Err(SheetError::limit_at(
                SheetLimit::Columns,
                self.max_columns as u64,
                self.line32(),
            ));
        };
        let len = match &cell {
            Cell::Text(s) | Cell::Error(s) => s.len(),
            _ => 0,
        };
        if len > self.max_cell_bytes {
            return Err(SheetError::limit_at(
                SheetLimit::CellLength,
                self.max_cell_bytes as u64,
                self.line32(),
            ));
        }
        if i >= self.cells.len() {
            if empty {
                return Ok(());
            }
            self.cells.resize(i + 1, Cell::Empty);
        }
        let was_value = !self.cells[i].is_empty();
        match (was_value, empty) {
            (false, false) => self.values += 1,
            (true, true) => self.values -= 1,
            _ => {}
        }
        self.cells[i] = cell;
        Ok(())
    }

    /// The current row, once it is complete and has a value: checks the sheet's row and
    /// cell limits and counts its cells.
    pub(crate) fn emit(&mut self) -> Result<u32, SheetError> {
        if self.line > u64::from(self.max_rows) {
            return Err(SheetError::limit(
                SheetLimit::Rows,
                u64::from(self.max_rows),
            ));
        }
        self.total += self.values as u64;
        if self.total > self.max_cells {
            return Err(SheetError::limit_at(
                SheetLimit::Cells,
                self.max_cells,
                self.line32(),
            ));
        }
        Ok(self.line32())
    }

    /// The current row's cells, without trailing empty ones (a value replaced by an empty
    /// one).
    pub(crate) fn cells(&self) -> &[Cell] {
        let end = self
            .cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |i| i + 1);
        &self.cells[..end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> SheetLimits {
        SheetLimits {
            max_columns: 4,
            max_cell_bytes: 3,
            max_rows: 10,
            max_cells: 6,
            ..SheetLimits::default()
        }
    }

    #[test]
    fn assembles_sparse_rows() {
        let mut b = RowBuf::new(&limits());
        b.start(2);
        b.set(2, Cell::Int(5)).unwrap();
        b.set(0, Cell::Text("a".into())).unwrap();
        b.set(3, Cell::Empty).unwrap();
        b.set(9, Cell::Empty).unwrap(); // past the last column but empty: ignored
        assert!(b.has_values());
        assert_eq!(b.emit(), Ok(2));
        assert_eq!(
            b.cells(),
            &[Cell::Text("a".into()), Cell::Empty, Cell::Int(5)]
        );
        b.start(3);
        assert!(!b.has_values());
        b.set(1, Cell::Int(1)).unwrap();
        b.set(1, Cell::Text(String::new())).unwrap(); // replaced by an empty value
        assert!(!b.has_values());
    }

    #[test]
    fn limits_are_errors() {
        let mut b = RowBuf::new(&limits());
        b.start(7);
        assert_eq!(
            b.set(4, Cell::Int(1)),
            Err(SheetError::limit_at(SheetLimit::Columns, 4, 7))
        );
        assert_eq!(
            b.set(0, Cell::Text("abcd".into())),
            Err(SheetError::limit_at(SheetLimit::CellLength, 3, 7))
        );
        b.set(0, Cell::Text("abc".into())).unwrap();
        b.start(11);
        b.set(0, Cell::Int(1)).unwrap();
        assert_eq!(b.emit(), Err(SheetError::limit(SheetLimit::Rows, 10)));
        // Cells: 6 allowed in the sheet, counting repeated rows.
        let mut b = RowBuf::new(&limits());
        b.start(1);
        for c in 0..3 {
            b.set(c, Cell::Int(1)).unwrap();
        }
        assert!(b.emit().is_ok());
        b.set_line(2);
        assert!(b.emit().is_ok());
        b.set_line(3);
        assert_eq!(b.emit(), Err(SheetError::limit_at(SheetLimit::Cells, 6, 3)));
    }
}
