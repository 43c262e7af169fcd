"""The typed settings of one stack: ``__main__.py`` reads them from Pulumi config once."""

from __future__ import annotations

from dataclasses import dataclass, field

from clams.names import PRODUCT


@dataclass(frozen=True)
class Domain:
    """A custom domain for the front end, inside a Route53 hosted zone the account owns."""

    name: str
    hosted_zone: str


@dataclass(frozen=True)
class StackConfig:
    stack: str
    region: str
    contact: str
    zones: tuple[str, ...]
    log_retention_days: int = 14
    camping_rate: int = 10
    point_in_time_recovery: bool = False
    deletion_protection: bool = False
    multi_az: bool = False
    backup_retention_days: int = 1
    db_instance_class: str = "db.t4g.micro"
    alarm_email: str | None = None
    domain: Domain | None = None
    throttling_burst: int = 100
    throttling_rate: float = 50.0
    vpc_cidr: str = "10.20.0.0/16"
    extra_tags: dict[str, str] = field(default_factory=dict)

    @property
    def alarms(self) -> bool:
        return self.alarm_email is not None

    def physical(self, name: str) -> str:
        """A readable physical name unique to this stack: ``clams-nonprod-attendees``."""
        return f"{PRODUCT}-{self.stack}-{name}"

    @property
    def tags(self) -> dict[str, str]:
        return {
            "Product": PRODUCT,
            "Environment": self.stack,
            "Contact": self.contact,
            "Orchestration": "pulumi",
            **self.extra_tags,
        }
