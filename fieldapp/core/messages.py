"""Messages from the core that reach a user: a code, its parameters, and the words in zh and en.

The core raises errors and writes warnings with a ``code`` and ``params``; whoever shows them
(a dialog, the CLI, a report) renders ``text(lang)`` in its own language, so a Chinese dialog never
shows an English validation message and nothing is translated twice. ``str(error)`` stays the
English text (CLI lines, logs). Field names inside messages are rendered through FIELDS too.
"""
from __future__ import annotations

FIELDS = {
    "name": ("name", "名称"), "code": ("code", "编号"), "text": ("text", "内容"), "kind": ("kind", "类别"),
    "lat": ("latitude", "纬度"), "lon": ("longitude", "经度"), "media": ("medium", "介质"),
    "role": ("role", "点位类型"), "matrix": ("sample medium", "样品介质"), "status": ("status", "状态"),
    "discovered_at": ("discovery time", "发现时间"), "measured_at": ("measurement time", "测定时间"),
    "collected_at": ("collection time", "采样时间"), "at": ("time", "时间"), "time": ("time", "时间"),
    "from_party": ("handed over by", "移交人"), "to_party": ("received by", "接收人"),
    "parameter": ("parameter", "监测项目"), "sample_code": ("sample code", "样品编号"),
    "depth_m": ("depth", "深度"), "unit": ("unit", "单位"), "team": ("team", "队伍"),
    "device": ("device", "设备"), "path": ("file", "文件"), "step_id": ("step", "步骤"),
    "entry_kind": ("entry kind", "条目类型"), "standard": ("standard", "标准"),
}

# code -> (English, Chinese); ``{field}`` is rendered through FIELDS in the same language
MESSAGES = {
    "required": ("{field} is required", "请填写{field}"),
    "choice": ("{field} '{value}' is not one of the choices; pick one from the list",
               "{field}“{value}”不在可选范围内，请从列表中选择"),
    "cannot_change": ("{field} cannot be changed here", "此处不能修改{field}"),
    "duplicate_code": ("code {value} is already used in this incident; type another code or leave it "
                       "empty for the next free one", "编号{value}在本事件中已被使用；请换一个编号，或留空自动编号"),
    "duplicate_sample": ("sample code {value} is already used; type another or leave it empty",
                         "样品编号{value}已被使用；请换一个，或留空自动编号"),
    "not_number": ("{field} '{value}' is not a number; type e.g. 0.5", "{field}“{value}”不是数字；请填写如 0.5"),
    "negative": ("{field} cannot be negative", "{field}不能为负数"),
    "not_a_file": ("{value} is not a file", "{value} 不是文件"),
    "time_invalid": ("{field}: '{value}' is not a time; type YYYY-MM-DD HH:MM (local time)",
                     "{field}：“{value}”不是有效时间；请按 YYYY-MM-DD HH:MM（本地时间）填写"),
    "time_future": ("{field}: {value} is in the future; check the date and the laptop clock",
                    "{field}：{value} 晚于现在；请核对日期和电脑时钟"),
    "time_past": ("{field}: {value} is too far in the past; check the year", "{field}：{value} 年份过早；请核对年份"),
    "coord_invalid": ("{field} '{value}' is not a coordinate; type e.g. 30.5123 or 30°30'44\"N",
                      "{field}“{value}”不是有效坐标；请填写如 30.5123 或 30°30'44\"N"),
    "coord_two_hemispheres": ("{field} '{value}' has two hemisphere letters; keep one (N/S or E/W)",
                              "{field}“{value}”含两个半球标记；只保留一个（N/S 或 E/W）"),
    "coord_decimal_minutes": ("{field} '{value}': decimal degrees cannot be followed by minutes; type "
                              "either 30.5123 or 30°30'44\"", "{field}“{value}”：小数度后不能再跟分；请填写 30.5123 或 30°30'44\""),
    "coord_minutes_60": ("{field} '{value}': minutes and seconds must be below 60",
                         "{field}“{value}”：分、秒须小于60"),
    "coord_wrong_hemisphere": ("{field} '{value}' has hemisphere {hemi}, which belongs to the other axis: "
                               "type the {field} here (N/S for latitude, E/W for longitude)",
                               "{field}“{value}”带有半球标记{hemi}，属于另一坐标轴：请在此填写{field}"
                               "（纬度用北纬/南纬，经度用东经/西经）"),
    "lat_range": ("latitude {value} is outside −90…90; latitudes in China are 18–54 and longitudes 73–135: "
                  "if {value} is the longitude, type it in the longitude field",
                  "纬度{value}超出−90～90；我国纬度约为18～54、经度约为73～135：若{value}是经度，请填到经度栏"),
    "lon_range": ("longitude {value} is outside −180…180; type the longitude (China: 73–135)",
                  "经度{value}超出−180～180；请填写经度（我国约为73～135）"),
    "outside_china_swapped": ("{lat}, {lon} is outside China, but would be in China with latitude and "
                              "longitude swapped", "{lat}, {lon} 不在我国境内，但把纬度和经度对调后就在境内"),
    "outside_china": ("{lat}, {lon} is outside China; check the coordinates",
                      "{lat}, {lon} 不在我国境内；请核对坐标"),
    "before_incident": ("{field} {value} is before the incident was discovered ({discovered}): check the date",
                        "{field} {value} 早于事件发现时间（{discovered}）：请核对日期"),
    "outside_area": ("this position is {km} km from {ref}, outside the incident area ({radius} km): check the "
                     "coordinates", "该位置距{ref} {km} km，超出事件范围（{radius} km）：请核对坐标"),
    "not_found": ("no {value} with id {uuid} (deleted meanwhile?)", "找不到该{value}（可能已被删除）"),
    "store_read_only": ("the store cannot be written (read-only file, folder or USB stick); nothing was "
                        "saved. Copy the store to a writable folder or fix its permissions.",
                        "数据库无法写入（文件、文件夹或U盘为只读）；未保存任何内容。请把数据库复制到可写的文件夹，或修改权限。"),
    "store_full": ("the disk is full; the last change was NOT saved (everything before it is intact). "
                   "Free some space and try again.", "磁盘已满；最后一次修改未保存（此前的数据完好）。请清理空间后重试。"),
    "identity_missing": ("the team identity is not set yet: set it under File > Team identity",
                         "尚未设置队伍信息：请在“文件 > 队伍信息”中设置"),
    "writer_busy": ("{value} is in progress; try again in a moment", "正在{value}，请稍后再试"),
    "drill_not_real": ("{value} is a drill: it is kept out of real exports, bundles and the report archive",
                       "{value} 是演练：不会进入正式导出、同步包和报告档案"),
}

TABLE_WORDS = {"incidents": ("incident", "事件"), "sampling_points": ("sampling point", "采样点位"),
               "samples": ("sample", "样品"), "measurements": ("measurement", "监测数据"),
               "attachments": ("photo or file", "照片或附件"), "incident_log": ("log entry", "日志条目")}


def _index(lang: str) -> int:
    return 0 if lang.startswith("en") else 1


def field_name(field: str, lang: str = "zh") -> str:
    pair = FIELDS.get(field)
    return pair[_index(lang)] if pair else field


def render(code: str, params: dict | None = None, lang: str = "zh") -> str:
    """The message ``code`` with ``params`` in ``lang`` ('zh'/'zh_CN' or 'en')."""
    params = dict(params or {})
    i = _index(lang)
    if "field" in params:
        params["field"] = field_name(params["field"], lang)
    if code == "not_found" and params.get("value") in TABLE_WORDS:
        params["value"] = TABLE_WORDS[params["value"]][i]
    template = MESSAGES[code][i]
    return template.format(**params)


class Coded:
    """Mixin for exceptions that carry a message code: ``text(lang)`` in the reader's language."""

    code: str = ""
    params: dict = {}

    def text(self, lang: str = "zh") -> str:
        # a code of another catalogue (fieldapp.plume's, translated by its panel) is not rendered here
        if self.code in MESSAGES:
            return render(self.code, self.params, lang)
        zh = getattr(self, "zh", "")
        return str(self) if lang.startswith("en") or not zh else zh
