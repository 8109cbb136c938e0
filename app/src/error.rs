//! The errors a user can meet, as types that cross the wire between server
//! functions and pages, each with an HTTP status and a message in both
//! languages. Internal causes are logged on the server and never sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::forms::FormErrors;
use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("unknown province {0:?}")]
    UnknownProvince(String),
    #[error("unknown category {0:?}")]
    UnknownCategory(String),
    #[error("query longer than {max} characters")]
    QueryTooLong { max: usize },
    #[error("the form has problems")]
    Invalid(FormErrors),
    #[error("sign-in required")]
    SignInRequired,
    #[error("not allowed")]
    Forbidden,
    #[error("too many attempts; wait {minutes} minutes")]
    Throttled { minutes: i64 },
    #[error("search is unavailable")]
    SearchUnavailable,
    #[error("too busy")]
    Busy,
    /// The request could not be read as the call it claims to be (missing
    /// or malformed arguments, a body over the size limit).
    #[error("malformed request: {0}")]
    Malformed(String),
    #[error("internal error")]
    Internal,
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::UnknownProvince(_)
            | AppError::UnknownCategory(_)
            | AppError::QueryTooLong { .. }
            | AppError::Invalid(_)
            | AppError::Malformed(_) => 400,
            AppError::SignInRequired => 401,
            AppError::Forbidden => 403,
            AppError::Throttled { .. } => 429,
            AppError::SearchUnavailable | AppError::Busy => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AppError::NotFound, _) => lang.texts().not_found_body.to_string(),
            (AppError::UnknownProvince(p), Lang::Zh) => format!("没有名为“{p}”的省份。"),
            (AppError::UnknownProvince(p), Lang::En) => format!("There is no province called \"{p}\"."),
            (AppError::UnknownCategory(c), Lang::Zh) => format!("没有名为“{c}”的品类。"),
            (AppError::UnknownCategory(c), Lang::En) => format!("There is no category called \"{c}\"."),
            (AppError::QueryTooLong { max }, Lang::Zh) => format!("搜索词不能超过 {max} 个字符。"),
            (AppError::QueryTooLong { max }, Lang::En) => {
                format!("A search can be at most {max} characters long.")
            }
            (AppError::Invalid(_), Lang::Zh) => "表单有需要修改的地方，请查看各项提示。".into(),
            (AppError::Invalid(_), Lang::En) => "Some fields need attention; see the notes next to them.".into(),
            (AppError::SignInRequired, Lang::Zh) => "请先登录。".into(),
            (AppError::SignInRequired, Lang::En) => "Please sign in first.".into(),
            (AppError::Forbidden, Lang::Zh) => "你的账户无权进行此操作。".into(),
            (AppError::Forbidden, Lang::En) => "Your account may not do this.".into(),
            (AppError::Throttled { minutes }, Lang::Zh) => {
                format!("尝试次数过多，请 {minutes} 分钟后再试。")
            }
            (AppError::Throttled { minutes }, Lang::En) => {
                format!("Too many attempts. Try again in {minutes} minute{}.", if *minutes == 1 { "" } else { "s" })
            }
            (AppError::SearchUnavailable, Lang::Zh) => "搜索服务暂时不可用，请稍后再试。".into(),
            (AppError::SearchUnavailable, Lang::En) => "Search is unavailable for the moment. Please try again shortly.".into(),
            (AppError::Malformed(_), Lang::Zh) => "无法读取这个请求：内容不完整、格式不对或过大。请回到页面重试。".into(),
            (AppError::Malformed(_), Lang::En) => {
                "This request could not be read: something is missing, malformed or too large. Go back to the page and try again.".into()
            }
            (AppError::Busy, Lang::Zh) => "当前请求较多，请稍后再试。".into(),
            (AppError::Busy, Lang::En) => "Too many requests at the moment. Please try again in a minute.".into(),
            (AppError::Internal | AppError::Transport(_), Lang::Zh) => "服务器出错了，请稍后再试。".into(),
            (AppError::Internal | AppError::Transport(_), Lang::En) => "The server ran into a problem. Please try again shortly.".into(),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // What the caller sent: their mistake, not the server's.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Malformed(value.to_string())
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}
