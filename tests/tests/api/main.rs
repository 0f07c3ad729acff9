//! Black-box system tests: the whole HTTP application over real HTTP.

mod audit;
mod conventions;
mod hardening;
mod helpers;
mod items;
mod limits;
mod login;
mod outage;
mod queue;
mod races;
mod sessions;
mod spa;
mod two_factor;
mod users;
mod utils;
mod validation;
mod verification;
