//! The dictionary table (105 variables + UTDP), in the XSD's order.

use super::Variable;

/// Every variable, indexed by [`super::ids`].
pub static VARIABLES: &[Variable] = &[];
