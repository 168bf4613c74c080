"""Demo organizations and people: 河南省 → 三门峡市 → 陕州区 → 原店镇 and siblings."""

from django.contrib.auth import get_user_model

from .models import Level, Membership, Organization, Role

DEMO_PASSWORD = "gongkai-demo"  # noqa: S105 (demo only)

# (key, name, short name, code, level, parent key, contact)
ORGS = [
    ("henan", "河南省人民政府", "河南省", "HA41", Level.PROVINCE, None, {}),
    ("smx", "三门峡市人民政府", "三门峡市", "HA4112", Level.CITY, "henan", {}),
    (
        "shanzhou",
        "三门峡市陕州区人民政府",
        "陕州区",
        "HA411203",
        Level.COUNTY,
        "smx",
        {
            "office_name": "陕州区人民政府办公室（政务公开办）",
            "address": "河南省三门峡市陕州区人民路",
            "office_hours": "工作日 上午8:30-12:00，下午15:00-18:00",
            "phone": "0398-3882000",
            "fax": "0398-3882001",
            "email": "szqzwgk@example.gov.cn",
        },
    ),
    (
        "yuandian",
        "三门峡市陕州区原店镇人民政府",
        "原店镇",
        "HA411203-YDZ",
        Level.TOWNSHIP,
        "shanzhou",
        {
            "office_name": "原店镇党政办公室",
            "address": "河南省三门峡市陕州区原店镇政府院内",
            "office_hours": "工作日 上午8:30-12:00，下午15:00-18:00（法定节假日除外）",
            "phone": "0398-3851001",
            "fax": "0398-3851002",
            "email": "ydz@example.gov.cn",
            "postal_code": "472100",
        },
    ),
    (
        "zhangwan",
        "三门峡市陕州区张湾乡人民政府",
        "张湾乡",
        "HA411203-ZWX",
        Level.TOWNSHIP,
        "shanzhou",
        {"office_name": "张湾乡党政办公室", "address": "河南省三门峡市陕州区张湾乡", "phone": "0398-3861001"},
    ),
    (
        "dayang",
        "三门峡市陕州区大营镇人民政府",
        "大营镇",
        "HA411203-DYZ",
        Level.TOWNSHIP,
        "shanzhou",
        {"office_name": "大营镇党政办公室", "address": "河南省三门峡市陕州区大营镇", "phone": "0398-3871001"},
    ),
    (
        "szfgw",
        "三门峡市陕州区发展和改革委员会",
        "陕州区发改委",
        "HA411203-FGW",
        Level.DEPARTMENT,
        "shanzhou",
        {"office_name": "区发改委办公室", "address": "河南省三门峡市陕州区行政中心", "phone": "0398-3882100"},
    ),
    (
        "szzrzy",
        "三门峡市陕州区自然资源局",
        "陕州区自然资源局",
        "HA411203-ZRZY",
        Level.DEPARTMENT,
        "shanzhou",
        {"office_name": "区自然资源局办公室", "address": "河南省三门峡市陕州区行政中心", "phone": "0398-3882200"},
    ),
]

# (username, full name, org key, roles)
USERS = [
    ("admin", "系统管理员", None, []),
    ("yd_clerk", "王丽（原店镇公开专员）", "yuandian", [Role.CLERK]),
    ("yd_reviewer", "李强（原店镇审核人）", "yuandian", [Role.REVIEWER]),
    ("yd_head", "张伟（原店镇负责人）", "yuandian", [Role.HEAD]),
    ("zw_clerk", "赵敏（张湾乡公开专员）", "zhangwan", [Role.CLERK]),
    ("zw_reviewer", "孙杰（张湾乡审核人）", "zhangwan", [Role.REVIEWER]),
    ("zw_head", "周涛（张湾乡负责人）", "zhangwan", [Role.HEAD]),
    ("dy_clerk", "吴芳（大营镇公开专员）", "dayang", [Role.CLERK]),
    ("sz_supervisor", "陈静（陕州区政务公开办）", "shanzhou", [Role.SUPERVISOR, Role.CLERK]),
    ("smx_supervisor", "刘洋（三门峡市政务公开办）", "smx", [Role.SUPERVISOR]),
]


def load(ctx):
    orgs = {}
    for key, name, short, code, level, parent, contact in ORGS:
        org, _ = Organization.objects.update_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "level": level, "parent": orgs.get(parent), **contact},
        )
        orgs[key] = org
    User = get_user_model()
    users = {}
    for username, full_name, org_key, roles in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_password(DEMO_PASSWORD)
        user.first_name = full_name
        user.is_superuser = user.is_staff = username == "admin"
        user.email = f"{username}@example.gov.cn"
        user.save()
        for role in roles:
            Membership.objects.get_or_create(user=user, organization=orgs[org_key], role=role)
        users[username] = user
    ctx["orgs"] = orgs
    ctx["users"] = users


def print_logins(out):
    out.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
    for username, full_name, _org, _roles in USERS:
        out.write(f"  {username:<16} {full_name}")
