//! What an inquiry is made of, and what the inbox and a thread show.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::clock::Moment;
use crate::coded_enum;
use crate::i18n::Bilingual;
use crate::scouting::types::Named;

coded_enum! {
    /// Which end of a thread someone is on.
    pub enum Side {
        Buyer = ("buyer", "买方", "Buyer"),
        Supplier = ("supplier", "供应商", "Supplier"),
    }
}

coded_enum! {
    /// Where a thread stands: open until the manufacturer answers, then as the two sides move it on.
    pub enum InquiryStatus {
        Open = ("open", "待回复", "Awaiting reply"),
        Replied = ("replied", "已回复", "Replied"),
        SampleRequested = ("sample_requested", "已索样", "Sample requested"),
        Quoted = ("quoted", "已报价", "Quoted"),
        Won = ("won", "已成交", "Closed: won"),
        Lost = ("lost", "未成交", "Closed: lost"),
    }
}

coded_enum! {
    /// A step one side takes to move a thread on.
    pub enum InquiryStep {
        RequestSample = ("request_sample", "索取样品", "Request a sample"),
        Quote = ("quote", "标记为已报价", "Mark as quoted"),
        Won = ("won", "关闭：成交", "Close: won"),
        Lost = ("lost", "关闭：未成交", "Close: lost"),
    }
}

impl InquiryStatus {
    pub fn is_closed(self) -> bool {
        matches!(self, InquiryStatus::Won | InquiryStatus::Lost)
    }
}

/// One thread in an inbox.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i32,
    pub subject: String,
    /// The other end: the manufacturer for the buyer; the sender (and the firm they write for) for the manufacturer.
    pub counterpart: Bilingual,
    pub brief: Option<Bilingual>,
    pub status: InquiryStatus,
    pub last_at: Moment,
    /// Something happened on the other side since this side last looked.
    pub unread: bool,
}

/// A sender a manufacturer blocked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BlockedSender {
    pub user_id: i32,
    pub name: String,
}

/// The threads a manufacturer received, for one of its people.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirmInbox {
    pub firm: Named,
    pub rows: Vec<InboxRow>,
    pub unread: u32,
    /// Whether this person may answer and block (the firm's owners and editors).
    pub may_act: bool,
    pub blocked: Vec<BlockedSender>,
}

/// `/inbox`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Inbox {
    pub sent: Vec<InboxRow>,
    pub sent_unread: u32,
    pub firms: Vec<FirmInbox>,
}

/// One message of a thread, or a step someone took.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadMessage {
    pub side: Side,
    /// The person who wrote it (gone when their account is).
    pub author: Option<String>,
    pub body: String,
    pub status_to: Option<InquiryStatus>,
    pub at: Moment,
}

/// `/inbox/{id}`
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThreadPage {
    pub id: i32,
    pub subject: String,
    pub status: InquiryStatus,
    pub sender: String,
    /// The organisation the sender writes for.
    pub sender_firm: Option<Named>,
    pub supplier: Named,
    /// The brief it is about: its slug and title.
    pub brief: Option<Named>,
    pub messages: Vec<ThreadMessage>,
    pub side: Side,
    /// The viewer may write and take steps (the sender; the firm's owners and editors).
    pub may_act: bool,
    pub steps: Vec<InquiryStep>,
    /// The viewer may block the sender (the firm's owners and editors).
    pub may_block: bool,
    pub sender_blocked: bool,
}

/// `/inquiries/new`: whom to write to, and as whom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComposeInquiry {
    pub supplier: Named,
    pub brief: Option<Named>,
    /// The organisations the sender may write for.
    pub write_as: Vec<Named>,
    /// Field → value to start with.
    pub values: BTreeMap<String, String>,
    /// Why this person cannot write to this firm, if they cannot.
    pub refusal: Option<crate::forms::Problem>,
}
