//! Values kept in chunks allocated at their exact size, so that a growing list never holds
//! the doubled capacity of a `Vec` (or a copy while it grows); moved into one vector of exact
//! capacity when complete, freeing each chunk as it goes (as `rules::file` keeps its row
//! summaries).

/// Values per chunk.
const CHUNK: usize = 4096;

/// A list of values in chunks of [`CHUNK`].
#[derive(Debug)]
pub(crate) struct Arena<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T: Copy> Arena<T> {
    /// Appends a value.
    pub fn push(&mut self, v: T) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < CHUNK => c.push(v),
            _ => {
                let mut c = Vec::with_capacity(CHUNK);
                c.push(v);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }

    /// The values, in order, in one vector of exact capacity.
    pub fn into_vec(self) -> Vec<T> {
        let mut out = Vec::with_capacity(self.len);
        for c in self.chunks {
            out.extend_from_slice(&c);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_across_chunks() {
        let mut a = Arena::default();
        for k in 0..(CHUNK * 2 + 3) {
            a.push(k);
        }
        let v = a.into_vec();
        assert_eq!(v.len(), CHUNK * 2 + 3);
        assert_eq!(v.capacity(), v.len());
        assert!(v.iter().enumerate().all(|(k, &x)| k == x));
    }
}
