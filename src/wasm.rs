//! WebAssembly binding (placeholder until the page lands).
