"""Back office: how search reads citizens' words at this centre. The centre's own synonyms (added to the
shipped list) and a debug view of the ranking: each result's score with its named parts."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from models import Procedure, SearchSynonym, db
from models.audit import audited
from models.errors import NotFound, RuleError
from models.queries import today
from models.search import MAX_QUERY, PARTS, search_scored
from models.synonyms import SHIPPED, add_synonym, delete_synonym
from models.transaction import perform
from motcua.auth import current_actor, supervisor_required
from motcua.web import staff_site

from . import bp

DEBUG_RESULTS = 15


@bp.get("/procedures/synonyms")
@supervisor_required
def synonyms():
    site = staff_site()
    own = db.session.scalars(
        select(SearchSynonym).filter_by(site_id=site.id).order_by(SearchSynonym.folded)
    ).all()
    return render_template("admin/synonyms.html", site=site, own=own, shipped=SHIPPED)


@bp.post("/procedures/synonyms")
@supervisor_required
def add_site_synonym():
    site = staff_site()
    try:
        phrase, meaning = request.form.get("phrase", ""), request.form.get("meaning", "")
        logged = audited(
            add_synonym,
            current_actor(),
            "synonym_added",
            phrase[:200],
            site_id=site.id,
            after={"meaning": meaning[:200]},
        )
        perform(db.session, logged, site.id, phrase, meaning, current_user.id)
    except RuleError as error:
        flash(str(error.message), "error")
    else:
        flash(_("Đã lưu từ đồng nghĩa."), "info")
    return redirect(url_for("admin.synonyms", site=site.code))


@bp.post("/procedures/synonyms/<int:synonym_id>/delete")
@supervisor_required
def delete_site_synonym(synonym_id: int):
    site = staff_site()
    try:
        logged = audited(delete_synonym, current_actor(), "synonym_removed", str(synonym_id), site_id=site.id)
        perform(db.session, logged, site.id, synonym_id)
    except NotFound:
        abort(404)
    flash(_("Đã xoá từ đồng nghĩa."), "info")
    return redirect(url_for("admin.synonyms", site=site.code))


@bp.get("/procedures/search-debug")
@supervisor_required
def search_debug():
    site = staff_site()
    query = (request.args.get("q") or "")[:MAX_QUERY].strip()
    lang = "en" if request.args.get("in") == "en" else "vi"
    results = []
    if query:
        scored = search_scored(
            db.session, query, limit=DEBUG_RESULTS, site_id=site.id, day=today(site), lang=lang
        )
        names = dict(
            db.session.execute(
                select(Procedure.id, Procedure.name).where(Procedure.id.in_([s.id for s in scored]))
            ).all()
        )
        results = [(s, names.get(s.id, "")) for s in scored]
    shown = {key: label for key, label in PARTS.items() if any(key in s.parts for s, _name in results)}
    return render_template(
        "admin/search_debug.html", site=site, query=query, lang=lang, results=results, parts=shown
    )
