"""Who may administer what: the one place the back office's rights are decided.

An officer administers nothing; a supervisor their own site's services, counters, devices and officers; a site
administrator their own site's staff of every role below province administrator; a province administrator every
site, the sites themselves and every account.
"""

from .user import Role, User

# Which roles each role may give (and so manage): never a higher one than its own.
_GRANTS = {
    Role.SUPERVISOR: (Role.OFFICER,),
    Role.SITE_ADMIN: (Role.OFFICER, Role.SUPERVISOR, Role.SITE_ADMIN),
    Role.ADMIN: Role.ALL,
}


def may_administer(user: User, site_id: int | None) -> bool:
    return bool(user.is_supervisor and site_id is not None and user.may_use_site(site_id))


def may_manage_sites(user: User) -> bool:
    return user.role == Role.ADMIN


def grantable_roles(user: User) -> tuple[str, ...]:
    return _GRANTS.get(user.role, ())


def may_manage_user(actor: User, target: User) -> bool:
    """The actor may change this account: one they could have made, every site of which they administer (a
    province administrator's own account and those without a site are theirs alone; an officer of sites A and
    C is managed by whoever administers both, never by a supervisor of A alone)."""
    if target.role not in grantable_roles(actor):
        return False
    if actor.role == Role.ADMIN:
        return True
    return bool(target.site_ids) and all(may_administer(actor, i) for i in target.site_ids)
