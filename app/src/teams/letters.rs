//! The invitation email, in Chinese and English (one message: the site does
//! not know which language the person reads).

use crate::accounts::types::MemberRole;
use crate::i18n::{Bilingual, Lang};
use crate::mail::outbox::Letter;
use crate::state::MailSettings;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

pub fn invitation(mail: &MailSettings, to: &str, inviter: &str, organisation: &Bilingual, role: MemberRole, token: &str) -> Letter {
    let link = mail.link(&format!("/invitation?token={token}"));
    let (zh_name, en_name) = (organisation.get(Lang::Zh), organisation.get(Lang::En));
    let (zh_role, en_role) = (role.label(Lang::Zh), role.label(Lang::En));
    Letter {
        to: to.to_string(),
        subject: format!("{inviter} 邀请你加入“{zh_name}” · {inviter} invites you to join {en_name} — Beltlink"),
        body: format!(
            "你好：\n\n{inviter} 邀请你以“{zh_role}”的身份加入 Beltlink 上的“{zh_name}”团队。打开下面的链接接受邀请（没有账户的话，可以用这个邮箱注册）：\n\n{link}\n\n链接 {INVITATION_DAYS} 天内有效，只能使用一次。如果你不认识对方，请忽略这封邮件。\n\n——————\n\nHello,\n\n{inviter} invites you to join the team of {en_name} on Beltlink as {en_role}. Open this link to accept (no account yet? Sign up with this address):\n\n{link}\n\nThe link works once, for {INVITATION_DAYS} days. If you do not know them, ignore this email.\n"
        ),
        purpose: "invitation",
    }
}
