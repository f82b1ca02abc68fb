"""Make an escrow key pair for an organization's officer keys.

The public key goes into the channel settings; the private key is printed once, to be kept
offline (e.g. printed and sealed in the organization's safe, opened only with two people).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints import crypto


class Command(BaseCommand):
    help = "Print a new escrow key pair (hex). Store the private key offline; paste the public key in the settings."

    def handle(self, *args: Any, **options: Any) -> None:
        private, public = crypto.keypair()
        self.stdout.write(f"public key (channel settings): {public.hex()}")
        self.stdout.write(f"PRIVATE key (keep offline, never on this server): {private.hex()}")
