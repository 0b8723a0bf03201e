//! Glue traits between Verity pallets, one file per pallet that implements them.
//!
//! Each trait is the narrow view one pallet needs of another. The `()` implementations answer as
//! if the other pallet were absent: nothing exists, usage is not recorded, nothing is paid.

mod compute;
mod datasets;
mod lineage;
mod ownership;

pub use compute::*;
pub use datasets::*;
pub use lineage::*;
pub use ownership::*;
