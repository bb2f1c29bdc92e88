"""Why a refusal refused: one stable code per refusal path, carried on ``Answer.reason`` into the eval rows
(``refusal_reason``) so that each path's precision can be measured on its own (eval reports' per-reason table).

A code names the decision, not its wording: the messages may change, the codes stay. Codes of answerability's
explicit checks are ``missing_<kind>`` (``Missing.kind``: year, unit, code, measure, number, level, per_year,
list, items).
"""

from __future__ import annotations

NO_CONTENT = "no_content"  # the retrieval-only answer: no quoted line covers what the question is about
NO_NUMBER = "no_number"  # the retrieval-only answer to a figure question: no quoted line states the figure
COMPARE_NO_CONTENT = "compare_no_content"  # a comparison: no plan's passages cover what is compared
FOREIGN_PLACE = "foreign_place"  # a place no plan in scope is about
LOCAL_PLACE = "local_place"  # a place inside a plan's area that no cited passage names
OVER_BUDGET = "over_budget"  # the request's time budget ran out
ABSENT_INDICATOR = "absent_indicator"  # the named plan's indicator table lacks the indicator another plan has
TABLE_YEAR = "table_year"  # the indicator row gives no value for the asked year
NO_ATTRIBUTE = "no_attribute"  # the indicator table has no 指标属性 column
ABSENT_COLUMN = "absent_column"  # a project table's field asked that no project table has as a column
BLANK_CELL = "blank_cell"  # the cell asked is left empty in its table (—, /, 无)
ABSENT_GOAL_YEAR = "absent_goal_year"  # no plan sets goals for the asked year
NO_FIGURES = "no_figures"  # a topic's figures asked, none stated
OTHER_PLAN = "other_plan"  # a plan fact asked of a plan not in the corpus (another period)
WHICH_PLAN = "which_plan"  # a plan fact asked with several plans in scope and none named
NO_FACT = "no_fact"  # the plan's text does not state the fact (issuer, date, 文号 …)
LOW_SCORE = "low_score"  # answerability's score under its threshold
EMPTY = "empty"  # nothing left to say (every line dropped by the number guard, or none made)
PARTS_UNANSWERED = "parts_unanswered"  # a multi-part question none of whose parts is answered
# not a refusal: an answer giving the rows of a sum it says the plan never writes (其余各行的合计), which a
# sentence stating that sum (其他城市共计划新建…) replaces in a follow-up (compose.merged_followup)
UNSTATED_SUM = "unstated_sum"
MISSING_PREFIX = "missing_"

DESCRIPTIONS: dict[str, str] = {
    NO_CONTENT: "retrieval-only: no quoted line covers the question",
    NO_NUMBER: "retrieval-only: no quoted line states the asked figure",
    COMPARE_NO_CONTENT: "comparison: no plan's passages cover it",
    FOREIGN_PLACE: "a place no plan is about",
    LOCAL_PLACE: "a place in a plan's area no cited passage names",
    OVER_BUDGET: "time budget ran out",
    ABSENT_INDICATOR: "the named plan's table lacks the indicator",
    TABLE_YEAR: "the indicator row lacks the asked year",
    NO_ATTRIBUTE: "the table has no 指标属性 column",
    ABSENT_COLUMN: "no project table has the asked column",
    BLANK_CELL: "the table leaves the asked cell empty",
    ABSENT_GOAL_YEAR: "no goals for the asked year",
    NO_FIGURES: "a topic's figures asked, none stated",
    OTHER_PLAN: "a plan not in the corpus",
    WHICH_PLAN: "several plans, none named",
    NO_FACT: "the plan does not state the fact",
    LOW_SCORE: "answerability score under the threshold",
    EMPTY: "nothing left to say",
    PARTS_UNANSWERED: "no part of a multi-part question answered",
    UNSTATED_SUM: "the rows of a sum the plan does not write (an answer, not a refusal)",
}


def missing_reason(kind: str) -> str:
    """The code of an explicit check that failed (``Missing.kind``)."""
    return MISSING_PREFIX + kind


def describe(reason: str) -> str:
    if reason.startswith(MISSING_PREFIX) and reason not in DESCRIPTIONS:
        return f"the closest passages lack the asked {reason[len(MISSING_PREFIX):]}"
    return DESCRIPTIONS.get(reason, "")
