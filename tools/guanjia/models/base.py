"""The base of every document model, and checks that report every problem of a file in one run.

pydantic reports every field that fails, but a model validator stops at its first problem, and a
model's validators do not run at all once one of its fields failed. A butler would then fix a
file one mistake per run: the wrong date, then (next run) the total that does not add up.

Here a model's cross-field rules are generators marked ``@check`` that yield every problem. They run
on the valid instance; when some fields failed, they run on what the other fields say (each field
read alone, with the reading the error message itself suggests: ``350元`` as 350,
``2026年3月12日`` as 2026-03-12), so the field errors and the rule problems come out together.
A rule that needs a field that could not be read at all is skipped: it has nothing to judge.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Annotated

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, model_validator
from pydantic_core import PydanticCustomError

# while a rule's values are read: slips are read as the value they evidently mean, and rules do not run
# (a context variable, not pydantic's validation context: validators that take one are twice as slow)
_LENIENT: ContextVar[bool] = ContextVar("gj_lenient", default=False)


class Model(BaseModel):
    """Base of every document model: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, populate_by_name=False)


def fail(kind: str, message: str, **ctx) -> PydanticCustomError:
    """A validation error with a stable kind (mapped to a finding code) and Chinese text.

    ``reading=`` is the value a slip evidently means (the one the message tells the user to write):
    the rules use it when the file is read leniently, to find the other mistakes in the same run.
    """
    return PydanticCustomError(f"gj_{kind}", message, ctx or None)


def lenient(parse: Callable) -> Callable:
    """A ``BeforeValidator`` for ``parse`` that, read leniently, takes a slip as the value it suggests."""

    def validator(value):
        try:
            return parse(value)
        except PydanticCustomError as exc:
            reading = (exc.context or {}).get("reading")
            if reading is not None and _LENIENT.get():
                return reading
            raise

    return validator


def check(rule: Callable) -> Callable:
    """Mark a generator method of a ``Checked`` model as one of its rules; it yields ``fail(...)`` errors."""
    rule.__gj_check__ = True
    return rule


def raised(run: Callable, *args) -> Iterator[PydanticCustomError]:
    """For a ``@check`` that calls a function raising its (first) problem: that problem, if any."""
    try:
        run(*args)
    except PydanticCustomError as problem:
        yield problem


class Checked(Model):
    """A model with ``@check`` rules: all of them run, and their problems join the field errors."""

    __gj_rules__: tuple[Callable, ...] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs):
        super().__pydantic_init_subclass__(**kwargs)
        rules: dict[str, Callable] = {}
        for klass in reversed(cls.__mro__):
            rules.update((name, value) for name, value in vars(klass).items() if getattr(value, "__gj_check__", False))
        cls.__gj_rules__ = tuple(rules.values())

    @model_validator(mode="wrap")
    @classmethod
    def _run_checks(cls, data, handler):
        if _LENIENT.get():
            return handler(data)  # reading values for a rule: the rules of the parts ran already
        try:
            instance = handler(data)
        except ValidationError as exc:
            problems = list(_problems(cls, _partial(cls, data))) if isinstance(data, dict) else []
            if not problems:
                raise
            raise ValidationError.from_exception_data(cls.__name__, [*_again(exc), *_details(problems, data)]) from None
        problems = [problem for rule in cls.__gj_rules__ for problem in rule(instance)]
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, _details(problems, data))
        return instance


def _problems(cls: type[Checked], partial: BaseModel) -> Iterator[PydanticCustomError]:
    """The problems the rules find in what could be read; a rule that needs a field that could not, is skipped."""
    for rule in cls.__gj_rules__:
        try:
            yield from rule(partial)
        except AttributeError:
            pass


@functools.cache
def _adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    field = cls.model_fields[name]
    return TypeAdapter(Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation)


def _partial(cls: type[BaseModel], data: dict) -> BaseModel:
    """An instance holding only the fields of ``data`` that can be read (leniently); the others are absent."""
    values, unread = {}, []
    token = _LENIENT.set(True)
    try:
        for name in cls.model_fields:
            if name not in data:
                continue
            try:
                values[name] = _adapter(cls, name).validate_python(data[name])
            except ValidationError:
                unread.append(name)
    finally:
        _LENIENT.reset(token)
    instance = cls.model_construct(**values)
    for name in unread:
        instance.__dict__.pop(name, None)  # not its default: it was written, and written wrong
    return instance


def _details(problems: list[PydanticCustomError], data) -> list[dict]:
    return [{"type": problem, "loc": (), "input": data} for problem in problems]


def _again(exc: ValidationError) -> list[dict]:
    """The errors of ``exc`` as details to raise once more, with the rules' problems."""
    out = []
    for error in exc.errors(include_url=False):
        ctx = error.get("ctx")
        kind = error["type"]
        if kind.startswith("gj_"):  # ours: keep the text as it was worded, and the context (``at``)
            kind = PydanticCustomError(kind, "{message}", {**{k: v for k, v in (ctx or {}).items() if k != "message"},
                                                          "message": error["msg"]})
            ctx = None
        detail = {"type": kind, "loc": error["loc"], "input": error.get("input")}
        if ctx:
            detail["ctx"] = ctx
        out.append(detail)
    return out
