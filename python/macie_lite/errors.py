"""The exceptions macie-lite raises: all are ``ValueError`` subclasses with a one-line reason."""

from __future__ import annotations


class MacieLiteError(ValueError):
    """Base class: a configuration or input that macie-lite refuses, with the reason."""


class InvalidIdentifierError(MacieLiteError):
    """A custom data identifier (or a managed selection) breaks a rule; the message names the field."""


class InvalidAllowListError(MacieLiteError):
    """An allow list breaks one of Macie's limits or has a bad regex."""


class SourceError(MacieLiteError):
    """A scan target cannot be listed at all (no such bucket, no credentials, bad endpoint)."""
