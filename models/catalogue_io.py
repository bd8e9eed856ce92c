"""Import and export of the procedure catalogue, CSV (UTF-8, Excel-friendly) or JSON.

An import is all-or-nothing: the whole file is read and checked first, every problem is reported with its line
(CSV) or item number (JSON), and only a file without problems is written. Procedures are matched by their code,
so re-importing the same file changes nothing and an updated file updates in place.
"""

import csv
import io
import json
import re
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from .base import utcnow
from .catalogue import DocumentKind, Field, Procedure, ProcedureDocument, ProcedureStatus, service_procedures
from .catalogue_fees import MAX_FEE_TEXT
from .catalogue_status_io import check_status
from .errors import RuleError
from .search_index import forget_index
from .service import Service
from .site import Site
from .text import fold, json_depth

MAX_BYTES = 5 * 1024 * 1024  # a province's ~2,000 procedures fit in well under 5 MB
MAX_JSON_DEPTH = 8  # {"procedures": [{"documents": [{…}]}]} is four deep
COLUMNS = [
    "code",
    "name",
    "field_code",
    "field_name",
    "level",
    "processing_time",
    "processing_days",
    "fees",
    "documents",
    "submission",
    "legal_basis",
    "online",
    "official_url",
    "services",
    "name_en",
    "status",
    "effective_date",
    "decision",
    "replaced_by",
    "popularity",
]
REQUIRED = ("code", "name", "field_code")
CODE_RE = re.compile(r"^\d\.\d{6}(\.[0-9A-Za-z]{1,10}){0,6}$")
FIELD_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
ONLINE = {
    "toan_trinh": "toan_trinh",
    "toan trinh": "toan_trinh",
    "mot_phan": "mot_phan",
    "mot phan": "mot_phan",
    "none": "none",
    "khong": "none",
    "": "none",
}
KIND_WORDS = {
    "original": DocumentKind.ORIGINAL,
    "ban chinh": DocumentKind.ORIGINAL,
    "copy": DocumentKind.COPY,
    "ban sao": DocumentKind.COPY,
    "either": DocumentKind.EITHER,
    "ban chinh hoac ban sao": DocumentKind.EITHER,
}
TEXT_LIMITS = {
    "name": 500,
    "level": 40,
    "processing_time": 300,
    "official_url": 500,
    "field_name": 200,
    "fees": MAX_FEE_TEXT,
    "documents": 20_000,
    "submission": 5_000,
    "legal_basis": 5_000,
    "services": 2_000,
    "name_en": 500,
    "decision": 300,
    "replaced_by": 60,
}


@dataclass
class Problem:
    where: int | None  # a CSV line or a JSON item number
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else str(self.message)


class ImportRejected(RuleError):
    code = "import_rejected"
    status = 400
    message = _l("Tệp danh mục có lỗi; chưa nhập gì.")

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__()


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    fields_created: list[str] = field(default_factory=list)
    abolished: list[str] = field(default_factory=list)  # now abolished or replaced (by this file)

    @property
    def changed(self) -> list[str]:
        """Updated, apart from those this file abolishes or replaces."""
        return [code for code in self.updated if code not in self.abolished]


# --- reading ------------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportRejected([Problem(None, _l("Tệp quá lớn (tối đa %(mb)s MB).", mb=MAX_BYTES // 2**20))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected(
            [
                Problem(
                    line,
                    _l(
                        "Tệp không được mã hoá UTF-8. Hãy lưu lại tệp dưới dạng “CSV UTF-8” "
                        "(Excel: Lưu thành → CSV UTF-8)."
                    ),
                )
            ]
        ) from None
    if "\x00" in text:  # PostgreSQL stores no NUL in text; no catalogue needs one
        line = text[: text.index("\x00")].count("\n") + 1
        raise ImportRejected([Problem(line, _l("Tệp chứa ký tự NUL (\\0), không phải văn bản."))])
    return text


def read_csv(text: str) -> list[tuple[int, dict]]:
    sample = text[:4096]
    first = sample.splitlines()[0] if sample else ""
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    except StopIteration:
        raise ImportRejected([Problem(None, _l("Tệp trống."))]) from None
    except csv.Error as error:
        raise ImportRejected([Problem(1, _l("Dòng tiêu đề không đọc được: %(e)s", e=str(error)))]) from None
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c and c not in COLUMNS]
    problems = []
    if missing:
        problems.append(Problem(1, _l("Thiếu cột bắt buộc: %(cols)s.", cols=", ".join(missing))))
    if unknown:
        problems.append(Problem(1, _l("Cột không hợp lệ: %(cols)s.", cols=", ".join(unknown))))
    if problems:
        raise ImportRejected(problems)
    rows, start = [], reader.line_num + 1
    try:
        for values in reader:
            if any(v.strip() for v in values):
                if len(values) > len(header):
                    problems.append(Problem(start, _l("Dòng có nhiều ô hơn dòng tiêu đề.")))
                rows.append((start, dict(zip(header, values, strict=False))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportRejected([Problem(start, _l("Không đọc được dòng: %(e)s", e=str(error)))]) from None
    if problems:
        raise ImportRejected(problems)
    return rows


def read_json(text: str) -> list[tuple[int, dict]]:
    if json_depth(text) > MAX_JSON_DEPTH:
        raise ImportRejected(
            [Problem(None, _l("Tệp JSON lồng nhau quá sâu (tối đa %(n)s cấp).", n=MAX_JSON_DEPTH))]
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRejected([Problem(error.lineno, _l("JSON không hợp lệ: %(e)s", e=error.msg))]) from None
    items = data.get("procedures") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise ImportRejected([Problem(None, _l("Tệp JSON phải có danh sách “procedures”."))])
    rows, problems = [], []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(number, _l("Mục này không phải một đối tượng JSON.")))
            continue
        row = {}
        for key, value in item.items():
            if key == "documents" and isinstance(value, list):
                row[key] = value
            elif key == "services" and isinstance(value, list):
                row[key] = ";".join(str(v) for v in value)
            elif key in COLUMNS:
                row[key] = "" if value is None else str(value)
            else:
                problems.append(Problem(number, _l("Trường không hợp lệ: %(key)s.", key=str(key)[:40])))
        rows.append((number, row))
    if problems:
        raise ImportRejected(problems)
    return rows


# --- checking -----------------------------------------------------------------------------------------


def _parse_documents(value, where: int, problems: list[Problem]) -> list[tuple[str, str, int]]:
    """CSV: one document per line, "name | bản chính | 1"; JSON: [{"name", "kind", "quantity"}]."""
    if isinstance(value, list):
        entries = [
            (str(d.get("name", "")), str(d.get("kind", "")), str(d.get("quantity", "")))
            if isinstance(d, dict)
            else ("", "", "")
            for d in value
        ]
    else:
        entries = []
        for line in (value or "").splitlines():
            if line.strip():
                parts = [p.strip() for p in line.split("|")]
                entries.append(
                    (parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else "")
                )
    documents = []
    for name, kind_text, quantity_text in entries:
        name = name.strip()
        if not name:
            problems.append(Problem(where, _l("Giấy tờ thiếu tên.")))
            continue
        kind = KIND_WORDS.get(fold(kind_text)) if kind_text.strip() else DocumentKind.ORIGINAL
        if kind is None:
            problems.append(
                Problem(
                    where,
                    _l("Loại giấy tờ không hợp lệ: “%(kind)s” (bản chính / bản sao).", kind=kind_text[:40]),
                )
            )
            continue
        quantity = 1
        if quantity_text.strip():
            try:
                quantity = int(quantity_text)
            except ValueError:
                quantity = 0
            if not 1 <= quantity <= 99:
                problems.append(
                    Problem(where, _l("Số lượng giấy tờ không hợp lệ: “%(q)s”.", q=quantity_text[:20]))
                )
                continue
        documents.append((name[:2000], kind, quantity))
    return documents


def _service_lookup(session) -> tuple[dict, dict]:
    by_site, by_prefix = {}, {}
    for service, site_code in session.execute(
        select(Service, Site.code).join(Site, Service.site_id == Site.id)
    ):
        by_site[(site_code.lower(), service.prefix.upper())] = service.id
        by_prefix.setdefault(service.prefix.upper(), []).append(service.id)
    return by_site, by_prefix


def _parse_services(value: str, where, problems, lookup) -> set[int]:
    by_site, by_prefix = lookup
    ids = set()
    for item in re.split(r"[;,\n]", value or ""):
        item = item.strip()
        if not item:
            continue
        if ":" in item:
            site_code, prefix = (p.strip() for p in item.rsplit(":", 1))
            service_id = by_site.get((site_code.lower(), prefix.upper()))
            if service_id is None:
                problems.append(Problem(where, _l("Không có dịch vụ “%(s)s”.", s=item[:60])))
            else:
                ids.add(service_id)
        else:
            matches = by_prefix.get(item.upper(), [])
            if not matches:
                problems.append(Problem(where, _l("Không có dịch vụ “%(s)s”.", s=item[:60])))
            elif len(matches) > 1:
                problems.append(
                    Problem(
                        where, _l("Dịch vụ “%(s)s” có ở nhiều điểm; hãy ghi mã điểm:tiền tố.", s=item[:60])
                    )
                )
            else:
                ids.add(matches[0])
    return ids


def _check(session, rows: list[tuple[int, dict]]) -> tuple[list[dict], dict[str, str]]:
    problems: list[Problem] = []
    known_fields = {f.code: f.name for f in session.scalars(select(Field))}
    new_fields: dict[str, str] = {}
    seen: dict[str, int] = {}
    lookup = _service_lookup(session)
    known_codes = set(session.scalars(select(Procedure.code))) | {
        (raw.get("code") or "").strip() for _where, raw in rows if isinstance(raw.get("code"), str)
    }
    checked = []
    for where, raw in rows:
        row = {k: (v.strip() if isinstance(v, str) else v) for k, v in raw.items()}
        code = row.get("code", "")
        if not code:
            problems.append(Problem(where, _l("Thiếu mã thủ tục.")))
        elif not CODE_RE.match(code):
            problems.append(
                Problem(where, _l("Mã thủ tục không hợp lệ: “%(code)s” (ví dụ 1.001193).", code=code[:60]))
            )
        elif code in seen:
            problems.append(
                Problem(where, _l("Mã thủ tục %(code)s trùng với dòng %(line)s.", code=code, line=seen[code]))
            )
        else:
            seen[code] = where
        if not row.get("name"):
            problems.append(Problem(where, _l("Thiếu tên thủ tục.")))
        for key, limit in TEXT_LIMITS.items():
            if len(row.get(key) or "") > limit:
                problems.append(Problem(where, _l("Ô “%(col)s” dài quá %(n)s ký tự.", col=key, n=limit)))
        field_code, field_name = (row.get("field_code") or "").lower(), row.get("field_name") or ""
        if not field_code:
            problems.append(Problem(where, _l("Thiếu mã lĩnh vực.")))
        elif not FIELD_CODE_RE.match(field_code):
            problems.append(Problem(where, _l("Mã lĩnh vực không hợp lệ: “%(f)s”.", f=field_code[:40])))
        elif field_code not in known_fields and field_code not in new_fields:
            if field_name:
                new_fields[field_code] = field_name
            else:
                problems.append(
                    Problem(where, _l("Lĩnh vực “%(f)s” chưa có; hãy ghi thêm tên lĩnh vực.", f=field_code))
                )
        days = None
        if row.get("processing_days"):
            try:
                days = int(row["processing_days"])
            except ValueError:
                days = -1
            if not 0 <= days <= 3650:
                problems.append(
                    Problem(
                        where, _l("Số ngày giải quyết không hợp lệ: “%(d)s”.", d=row["processing_days"][:20])
                    )
                )
        online = ONLINE.get(fold(row.get("online") or ""))
        if online is None:
            problems.append(
                Problem(
                    where,
                    _l(
                        "Mức trực tuyến không hợp lệ: “%(o)s” (toàn trình / một phần / không).",
                        o=row["online"][:40],
                    ),
                )
            )
        url = row.get("official_url") or ""
        if url and not re.match(r"^https?://", url):
            problems.append(
                Problem(where, _l("Địa chỉ trang chính thức phải bắt đầu bằng http:// hoặc https://."))
            )
        checked.append(
            {
                "code": code,
                "name": row.get("name", ""),
                "field_code": field_code,
                "field_name": field_name,
                "level": row.get("level") or "",
                "processing_time": row.get("processing_time") or "",
                "processing_days": days,
                "fees": row.get("fees") or "",
                "submission": row.get("submission") or "",
                "legal_basis": row.get("legal_basis") or "",
                "online": online,
                "official_url": url,
                "documents": _parse_documents(row.get("documents"), where, problems),
                "service_ids": _parse_services(row.get("services") or "", where, problems, lookup),
                "name_en": row.get("name_en") or "",
            }
            | check_status(row, where, problems, known_codes, CODE_RE, Problem)
        )
    if not rows:
        problems.append(Problem(None, _l("Tệp không có thủ tục nào.")))
    if problems:
        raise ImportRejected(problems)
    return checked, new_fields


# --- the rule -----------------------------------------------------------------------------------------

_SCALARS = (
    "name",
    "level",
    "processing_time",
    "processing_days",
    "fees",
    "submission",
    "legal_basis",
    "online",
    "official_url",
    "name_en",
    "status",
    "status_from",
    "decision",
    "replaced_by",
    "prior",
)


def import_catalogue(session, data: bytes, fmt: str) -> ImportReport:
    """Check the whole file, then create or update procedures by code. Raises ImportRejected (nothing written)."""
    text = _decode(data)
    rows = read_json(text) if fmt == "json" else read_csv(text)
    checked, new_fields = _check(session, rows)
    forget_index()  # this process searches the new catalogue at once
    report = ImportReport()
    fields = {f.code: f for f in session.scalars(select(Field))}
    for code, name in new_fields.items():
        fields[code] = Field(code=code, name=name)
        session.add(fields[code])
        report.fields_created.append(code)
    existing = {p.code: p for p in session.scalars(select(Procedure))}
    links: dict[int, set[int]] = {}
    for procedure_id, service_id in session.execute(
        select(service_procedures.c.procedure_id, service_procedures.c.service_id)
    ):
        links.setdefault(procedure_id, set()).add(service_id)
    session.flush()
    for row in checked:
        field_ = fields[row["field_code"]]
        if row["field_name"] and field_.name != row["field_name"]:
            field_.name = row["field_name"]
        procedure = existing.get(row["code"])
        created = procedure is None
        if created:
            procedure = Procedure(code=row["code"], field=field_)
            session.add(procedure)
        changed = created or procedure.field_id != field_.id
        was_in_force = created or procedure.status == ProcedureStatus.IN_FORCE
        procedure.field = field_
        for key in _SCALARS:
            if getattr(procedure, key) != row[key]:
                setattr(procedure, key, row[key])
                changed = True
        current_docs = [(d.name, d.kind, d.quantity) for d in procedure.document_items]
        if current_docs != row["documents"]:
            procedure.document_items = [
                ProcedureDocument(name=n, kind=k, quantity=q, position=i)
                for i, (n, k, q) in enumerate(row["documents"])
            ]
            changed = True
        session.flush()
        current_links = links.get(procedure.id, set())
        if current_links != row["service_ids"]:
            if current_links - row["service_ids"]:
                session.execute(
                    service_procedures.delete().where(
                        service_procedures.c.procedure_id == procedure.id,
                        service_procedures.c.service_id.in_(current_links - row["service_ids"]),
                    )
                )
            for service_id in sorted(row["service_ids"] - current_links):
                session.execute(
                    service_procedures.insert().values(procedure_id=procedure.id, service_id=service_id)
                )
            changed = True
        if created:
            report.created.append(row["code"])
        elif changed:
            procedure.updated_at = utcnow()
            report.updated.append(row["code"])
            if was_in_force and procedure.status != ProcedureStatus.IN_FORCE:
                report.abolished.append(row["code"])
        else:
            report.unchanged.append(row["code"])
    session.flush()
    return report


# --- export -------------------------------------------------------------------------------------------


def _service_refs(procedure: Procedure) -> list[str]:
    return [f"{s.site.code}:{s.prefix}" for s in procedure.services]


def file_codes(data: bytes, fmt: str) -> set[str]:
    """The procedure codes a (valid) catalogue file names."""
    text = _decode(data)
    rows = read_json(text) if fmt == "json" else read_csv(text)
    return {(row.get("code") or "").strip() for _where, row in rows}


def export_rows(session, codes: set[str] | None = None) -> list[dict]:
    """Every procedure as a file row (or only those with these codes)."""
    rows = []
    statement = select(Procedure).order_by(Procedure.code)
    if codes is not None:
        statement = statement.where(Procedure.code.in_(codes))
    for p in session.scalars(statement):
        rows.append(
            {
                "code": p.code,
                "name": p.name,
                "field_code": p.field.code if p.field else "",
                "field_name": p.field.name if p.field else "",
                "level": p.level,
                "processing_time": p.processing_time,
                "processing_days": p.processing_days,
                "fees": p.fees,
                "documents": [
                    {"name": d.name, "kind": d.kind, "quantity": d.quantity} for d in p.document_items
                ],
                "submission": p.submission,
                "legal_basis": p.legal_basis,
                "online": p.online,
                "official_url": p.official_url,
                "services": _service_refs(p),
                "name_en": p.name_en,
                "status": p.status,
                "effective_date": p.status_from.isoformat() if p.status_from else "",
                "decision": p.decision,
                "replaced_by": p.replaced_by,
                "popularity": p.prior,
            }
        )
    return rows


def _file_word(kind: str) -> str:
    """A kind as the catalogue files write it: lower-case Vietnamese whatever the server's language, so a file
    reads back the same (KIND_WORDS)."""
    with force_locale("vi"):
        return DocumentKind.label(kind).lower()


def export_catalogue(session, fmt: str) -> bytes:
    rows = export_rows(session)
    if fmt == "json":
        return (json.dumps({"procedures": rows}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        row = dict(row)
        row["processing_days"] = "" if row["processing_days"] is None else row["processing_days"]
        row["documents"] = "\n".join(
            f"{d['name']} | {_file_word(d['kind'])} | {d['quantity']}" for d in row["documents"]
        )
        row["services"] = "; ".join(row["services"])
        writer.writerow(row)
    # A byte-order mark tells Excel the file is UTF-8 (otherwise it shows Vietnamese as mojibake).
    return ("\ufeff" + out.getvalue()).encode("utf-8")
