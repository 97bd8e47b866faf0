//! One component per thing the reader sees.

pub mod article_list;
pub mod notice_bar;
pub mod reader_view;
