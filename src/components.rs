//! One component per thing the reader sees.

pub mod add_article;
pub mod annotation_panel;
pub mod article_list;
pub mod article_text;
pub mod class_view;
pub mod class_view_article;
pub mod class_view_bar;
pub mod class_view_collect;
pub mod class_view_publish;
pub mod comparison;
pub mod dom_text;
pub mod highlights_menu;
pub mod note_editor;
pub mod notice_bar;
pub mod paragraph;
pub mod reader_view;
pub mod share_panel;
pub mod speakers_panel;
pub mod state_ref;
pub mod tag_bar;
pub mod welcome;
