//! All end-to-end tests in one binary (one link instead of many).

mod channels;
mod cli;
mod contracts;
mod corpus;
mod eval;
mod eval_replies;
mod golden;
mod guide;
mod hardening;
mod hosts;
mod inbox;
mod learning;
mod limits;
mod outbound;
mod plugin_test;
mod preinit;
mod reload;
mod scaffold;
mod server;
mod sms;
mod voice;
mod x_activity;
