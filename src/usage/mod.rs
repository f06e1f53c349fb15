//! Usage and running-mode cost: billable hours from CloudWatch's
//! `UserConnected` and the running mode they recommend, as AWS's Cost
//! Optimizer for Amazon WorkSpaces counts and judges them.

pub mod advice;
pub mod assess;
pub mod hours;
pub mod period;
pub mod row;
