"""A figure an evaluation reports, with its target, so `newswire eval` can say which targets are met."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured number: what it is, its value, the target it must reach (if any) and its unit."""

    area: str
    name: str
    value: float
    target: float | None = None
    unit: str = ""
    higher_is_better: bool = True

    @property
    def met(self) -> bool | None:
        """Whether the target is reached; None when there is no target."""
        if self.target is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target
