"""Sealdesk's Synapse module: confines visitor accounts to their own conversations."""

from .module import ConfinementConfig, SealdeskConfinement

__all__ = ["ConfinementConfig", "SealdeskConfinement"]
