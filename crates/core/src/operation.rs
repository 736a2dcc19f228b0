//! What the generator knows of each operation, from its spec: each service crate's generated
//! `OPERATIONS` table is a list of [`Operation`]s.

use crate::region::Cloud;

/// One operation of a service, as its spec describes it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// progenitor's id for it (`change_master_standby_async`).
    pub id: &'static str,
    /// The spec's `operationId`, the official SDK's name (`ChangeMasterStandbyAsync`).
    pub name: &'static str,
    /// HTTP method, upper case.
    pub method: &'static str,
    /// Path template as in the spec (`/v2/{project_id}/instances/{instance_id}/async-swap`).
    pub path: &'static str,
    /// The spec's `x-idempotent`: whether sending the request twice is as good as sending it once.
    /// A switchover is not idempotent even when its method is PUT.
    pub idempotent: bool,
    /// The spec's `x-clouds`: the clouds whose API reference documents the operation. A call on
    /// another cloud is sent all the same (the references lag behind the services), with a
    /// warning.
    pub clouds: &'static [Cloud],
    /// The success statuses the spec documents.
    pub success: &'static [u16],
}

impl Operation {
    /// Looks up progenitor's operation id in a service's table.
    pub fn find(operations: &'static [Operation], id: &str) -> Option<&'static Operation> {
        operations.iter().find(|op| op.id == id)
    }
}

/// An operation as a service's table lists it, for the core's own tests.
#[cfg(test)]
pub(crate) const TEST_SWAP: Operation = Operation {
    id: "change_master_standby_async",
    name: "ChangeMasterStandbyAsync",
    method: "PUT",
    path: "/v2/{project_id}/instances/{instance_id}/async-swap",
    idempotent: false,
    clouds: &[],
    success: &[200],
};
