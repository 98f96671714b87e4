"""Words built from values: counts with their plural, "2 days ago", a store's notice.

The words themselves are interface strings (lessonkit.i18n), so both languages are
checked together there; this module only picks the form. The store and the records
report values (a time, a `Notice`); a view turns them into words in the learner's
language here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .i18n import LANGUAGES, Language, say

if TYPE_CHECKING:
    from ..learner.progress import Notice


def ru_plural(n: int, forms: tuple[str, str, str]) -> str:
    """Russian noun form after a number: 1 день, 2 дня, 5 дней, 11 дней, 21 день, 22 дня."""
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def count_phrase(n: int, key: str, lang: Language) -> str:
    """'1 new word', '35 new words', '2 новых слова': `key` holds the forms, split by '|'.

    English has two forms (one, many), Russian three (1, 2-4, 5 and more; see `ru_plural`).
    """
    forms = say(key, lang).split("|")
    if lang == "ru":
        return f"{n} {ru_plural(n, (forms[0], forms[1], forms[2]))}"
    return f"{n} {forms[0] if n == 1 else forms[1]}"


def describe_age(then: datetime, now: datetime, lang: Language = "en") -> str:
    """'2 days ago' / '2 дня назад', for the "last time" line.

    Calendar days ("today", "yesterday") are counted in `now`'s time zone, so a caller who
    passes local time gets the learner's days; naive times are taken as UTC.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"language must be 'en' or 'ru', not {lang!r}")
    now = now if now.tzinfo is not None else now.replace(tzinfo=timezone.utc)
    then = (then if then.tzinfo is not None else then.replace(tzinfo=timezone.utc)).astimezone(now.tzinfo)
    seconds = (now - then).total_seconds()
    if seconds < 60:  # including a clock that is slightly behind
        return say("age_just_now", lang)
    if seconds < 3600:
        return _ago(int(seconds // 60), "unit_minutes", lang)
    days = (now.date() - then.date()).days
    if days <= 0:
        return say("age_today", lang)
    if days == 1:
        return say("age_yesterday", lang)
    if days < 14:
        return _ago(days, "unit_days", lang)
    if days < 60:
        return _ago(days // 7, "unit_weeks", lang)
    if days < 365:
        return _ago(days // 30, "unit_months", lang)
    return _ago(days // 365, "unit_years", lang)


def _ago(n: int, unit: str, lang: Language) -> str:
    return say("age_ago", lang, count=count_phrase(n, unit, lang))


def notice_text(notice: Notice | None, lang: Language) -> str:
    """A store's notice as a sentence for the learner ("" when there is none).

    "not_saved" names the copy of this session's progress when the store could write one
    (see `ProgressStore`), so the learner knows which file keeps their work.
    """
    if notice is None:
        return ""
    if notice.code == "unreadable":
        return say("unreadable", lang, detail=notice.detail)
    if notice.copy is not None:
        return say("not_saved_copied", lang, detail=notice.detail, copy=str(notice.copy))
    return say("not_saved", lang, detail=notice.detail)
