"""Two-factor (TOTP) login for staff; required for roles that read complaints (see roles.user_requires_2fa)."""
