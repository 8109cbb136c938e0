//! In-app notifications: each user's list with an unread count in the
//! header, which features post to (`repo::notify`); each kind may also go by
//! email, as the user chooses, to a confirmed address.

pub mod api;
pub mod pages;
pub mod policy;
pub mod types;

#[cfg(feature = "ssr")]
pub mod repo;
