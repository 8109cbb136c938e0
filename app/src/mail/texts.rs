//! The words of the mailbox page, in both languages.

use crate::i18n::Lang;

pub struct MailTexts {
    pub title: &'static str,
    pub lead_local: &'static str,
    pub lead_smtp: &'static str,
    pub empty: &'static str,
    pub to: &'static str,
    pub waiting: &'static str,
    pub local: &'static str,
    pub sent: &'static str,
    pub failed: &'static str,
    pub attempts: &'static str,
    pub body_gone: &'static str,
}

static ZH: MailTexts = MailTexts {
    title: "站点邮件",
    lead_local: "尚未配置 SMTP 服务器（BELTLINK_SMTP_URL），本站发出的邮件都保存在这里，由站点管理员查看。",
    lead_smtp: "邮件经 SMTP 服务器发出。发出后正文不再保存（其中可能有一次性链接），这里只留记录。",
    empty: "还没有邮件。",
    to: "收件人",
    waiting: "等待发送",
    local: "保存在本地邮箱",
    sent: "已交给 SMTP 服务器",
    failed: "多次失败，已放弃",
    attempts: "尝试次数",
    body_gone: "（正文已在发出后删除）",
};

static EN: MailTexts = MailTexts {
    title: "Site mail",
    lead_local: "No SMTP server is configured (BELTLINK_SMTP_URL), so every message the site sends is kept here for site admins to read.",
    lead_smtp: "Mail goes out through the SMTP server. Once sent, a message's body is not kept (it may hold a one-time link); only the record stays.",
    empty: "No mail yet.",
    to: "To",
    waiting: "Waiting to be sent",
    local: "Kept in the local mailbox",
    sent: "Handed to the SMTP server",
    failed: "Given up after repeated failures",
    attempts: "Attempts",
    body_gone: "(body deleted once sent)",
};

pub fn mail_texts(lang: Lang) -> &'static MailTexts {
    lang.pick(&ZH, &EN)
}
