//! The words of the event pages.

use crate::i18n::Lang;

/// Declares the texts once, each as `name: ("中文", "English")`.
macro_rules! event_texts {
    ($($name:ident: ($zh:expr, $en:expr)),+ $(,)?) => {
        pub struct EventTexts {
            $(pub $name: &'static str),+
        }
        static ZH: EventTexts = EventTexts { $($name: $zh),+ };
        static EN: EventTexts = EventTexts { $($name: $en),+ };
    };
}

event_texts! {
    event_kind: ("对接会", "Event"),
    list_title: ("产业带对接会", "Matchmaking events"),
    list_lead: (
        "协会举办的产业带对接会：供应商（生产企业）与采购方（平台）报名，现场一对一洽谈。",
        "Matchmaking days run by associations: suppliers (manufacturers) and buyers (platforms) register and meet one to one."
    ),
    new_event: ("创建对接会", "New event"),
    edit_event: ("编辑对接会", "Edit event"),
    upcoming: ("即将举行", "Upcoming"),
    past: ("往期", "Past"),
    own_events: ("我管理的协会的对接会", "Your associations' events"),
    no_upcoming: ("暂无即将举行的对接会。", "No upcoming events."),
    no_past: ("暂无往期对接会。", "No past events."),
    filter: ("筛选", "Filter"),
    any: ("不限", "Any"),
    belt: ("产业带", "Belt"),
    city: ("城市", "City"),
    platform: ("合办平台", "Co-hosting platform"),
    host: ("主办协会", "Hosted by"),
    registered_counts: ("已报名：供应商 {s} 家，采购方 {b} 家", "Registered: {s} suppliers, {b} buyers"),
    demo: ("演示数据", "Demo data"),
    demo_note: (
        "这是根据公开报道整理的演示活动：报道提到的内容之外（日期、时间、席位等）为示意。",
        "A demo event built from a published report: beyond what the report states (date, hours, seats), details are illustrative."
    ),
    when: ("时间", "When"),
    venue: ("地点", "Venue"),
    map_link: ("在地图上查看", "Open in a map"),
    registration: ("报名时间", "Registration"),
    registration_open: ("报名中", "Open now"),
    registration_not_open: ("未在报名时间内", "Not open now"),
    tables: ("洽谈桌数", "Tables"),
    slot_length: ("每场洽谈", "Each meeting"),
    minutes: ("分钟", "minutes"),
    programme: ("日程", "Programme"),
    slots_lead: ("一对一洽谈时段（中国时间）：", "One-to-one meeting slots (China time):"),
    breaks: ("休息", "Breaks"),
    sides: ("席位与报名条件", "Seats and entry criteria"),
    seats: ("席位", "Seats"),
    seats_taken: ("已报名 {n} / {seats} 席", "{n} of {seats} taken"),
    seats_open: ("已报名 {n} 家 · 不限席位", "{n} registered · no limit"),
    finished_note: ("这场对接会已举行。", "This event has taken place."),
    waiting: ("候补", "waiting"),
    criteria: ("报名条件", "Entry criteria"),
    no_criteria: ("无特别条件。", "No entry criteria."),
    participants: ("已报名", "Registered"),
    no_participants: ("还没有企业报名。", "No firm has registered yet."),
    register_title: ("报名", "Register"),
    register_lead: (
        "生产企业以供应商身份报名，平台以采购方身份报名。系统会按报名条件核对企业档案；席位已满时自动进入候补，有人退出时依次递补。",
        "Manufacturers register as suppliers, platforms as buyers. The firm's profile is checked against the side's entry criteria; when the seats are taken it joins the waitlist and moves up as seats free."
    ),
    firm: ("报名企业", "Firm"),
    as_side: ("身份", "as"),
    register: ("报名", "Register"),
    register_sign_in: ("登录后为你的企业报名", "Sign in to register your firm"),
    register_no_firm: (
        "你还没有可以报名的企业：须为你以所有者或编辑身份管理的生产企业或平台，且尚未报名。",
        "You run no firm that can register: a manufacturer or platform you own or edit, not registered yet."
    ),
    registration_closed_note: ("现在不在报名时间内。", "Registration is not open now."),
    your_registrations: ("我的企业的报名", "Your firms' registrations"),
    position: ("候补第 {n} 位", "number {n} on the waitlist"),
    withdraw: ("退出", "Withdraw"),
    all_registrations: ("全部报名（含候补）", "Every registration (waitlist included)"),
    registered_at: ("报名时间", "Registered"),
    status: ("状态", "Status"),
    side: ("身份", "Side"),
    no_registrations: ("还没有报名。", "No registrations yet."),
    manage: ("管理", "Organise"),
    edit: ("编辑", "Edit"),
    saved: ("已保存。", "Saved."),
    published: ("已发布：现在所有人都能看到这场对接会。", "Published: everyone can see this event now."),
    cancelled: ("已取消，已通知所有报名企业。", "Cancelled; every registered firm has been told."),
    finished: ("已标记为已结束。", "Marked as finished."),
    registered_notice: ("报名成功。", "Registered."),
    waitlisted_notice: ("席位已满，已进入候补；有席位空出时会通知你。", "The seats are taken: you are on the waitlist and will be told when a seat frees."),
    withdrawn_notice: ("已退出。", "Withdrawn."),
    draft_note: ("草稿：只有主办协会的管理者能看到。", "Draft: only the association's organisers can see it."),
    cancelled_note: ("这场对接会已取消。", "This event was cancelled."),
    form_lead: (
        "新的对接会先保存为草稿；发布后出现在对接会列表、搜索和产业带页面上。时间均为中国时间。",
        "A new event is saved as a draft; once published it appears in the events list, in search and on its belt's page. All times are China time."
    ),
    association: ("主办协会", "Association"),
    none_choice: ("无", "None"),
    section_what: ("活动", "The event"),
    section_where: ("地点", "Where"),
    section_when: ("时间与洽谈安排", "When, and the meetings"),
    section_seats: ("报名与席位", "Registration and seats"),
    section_supplier_criteria: ("供应商报名条件（可选）", "Suppliers' entry criteria (optional)"),
    section_buyer_criteria: ("采购方报名条件（可选）", "Buyers' entry criteria (optional)"),
    title_zh: ("名称（中文）", "Title (Chinese)"),
    title_en: ("名称（英文）", "Title (English)"),
    description_zh: ("介绍（中文）", "Description (Chinese)"),
    description_en: ("介绍（英文）", "Description (English)"),
    venue_zh: ("场地（中文）", "Venue (Chinese)"),
    venue_en: ("场地（英文）", "Venue (English)"),
    city_zh: ("城市（中文）", "City (Chinese)"),
    city_en: ("城市（英文）", "City (English)"),
    latitude: ("纬度", "Latitude"),
    longitude: ("经度", "Longitude"),
    position_hint: ("可选：用于在地图上标出场地，例如 36.29 和 120.01。", "Optional: marks the venue on the map, such as 36.29 and 120.01."),
    day: ("日期", "Day"),
    starts_at: ("开始时间", "Starts"),
    ends_at: ("结束时间", "Ends"),
    slot_minutes: ("每场洽谈（分钟）", "Each meeting (minutes)"),
    breaks_field: ("休息时间", "Breaks"),
    breaks_hint: ("每行一段，如 12:00-13:30；没有可留空。", "One a line, such as 12:00-13:30; leave empty for none."),
    tables_field: ("洽谈桌数", "Tables"),
    registration_opens: ("报名开始", "Registration opens"),
    registration_closes: ("报名截止", "Registration closes"),
    supplier_seats: ("供应商席位", "Supplier seats"),
    buyer_seats: ("采购方席位", "Buyer seats"),
    seats_hint: ("留空表示不限。", "Leave empty for no limit."),
    s_categories: ("生产以下品类之一", "Makes one of these categories"),
    s_certifications: ("须持有的认证", "Certifications required"),
    s_capacity: ("最低月产能", "Least monthly capacity"),
    unit: ("单位", "Unit"),
    choose: ("请选择", "Choose"),
    s_own_factory: ("须有自有工厂", "Must have its own factory"),
    s_min_floor_area: ("最小厂房面积（平方米）", "Least factory floor area (m²)"),
    s_export_years: ("最少出口年数", "Least years of exporting"),
    s_verified: ("企业须经 Beltlink 核验", "The firm must be verified on Beltlink"),
    b_verified: ("平台须经 Beltlink 核验", "The platform must be verified on Beltlink"),
    publish_now: ("保存后立即发布", "Publish when saved"),
    save: ("保存", "Save"),
    cancel_edit: ("取消", "Cancel"),
    belt_events: ("这里的对接会", "Matchmaking events here"),
    association_events: ("对接会", "Events"),
}

pub fn texts(lang: Lang) -> &'static EventTexts {
    lang.pick(&ZH, &EN)
}
