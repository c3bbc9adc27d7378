"""serve: the what-if workspace in the browser, over the folders given (read, never written)."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from .options import context, current_lang, set_option

LOCAL = "127.0.0.1"


@click.command("serve")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=True, path_type=Path))
@set_option
@click.option(
    "--host",
    default=LOCAL,
    show_default=True,
    help=(
        "Address to listen on. Anything but 127.0.0.1 lets other machines read every file "
        "served and run plans on this computer, without a password: use only on a network you"
        " trust."
    ),
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def serve_cmd(
    folders: tuple[Path, ...], set_paths: tuple[Path, ...], host: str, port: int, no_browser: bool
) -> None:
    """Open the what-if workspace in the browser.

    FOLDERS: the units' folders or files (read once; nothing is written to them). Uploads and
    edits stay in the browser's page and in memory.
    """
    import uvicorn

    from cchc_score.i18n import t
    from cchc_score.web import create_app

    lang = current_lang()

    local = host in (LOCAL, "localhost")
    app = create_app(
        folders, context(set_paths), allowed_hosts=[LOCAL, "localhost"] if local else None
    )
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown if host not in ('0.0.0.0', '::') else LOCAL}:{port}/"
    if host != LOCAL:
        click.echo(
            t(
                "warning: listening on {host}: other machines can reach this workspace",
                lang,
                host=host,
            ),
            err=True,
        )
    click.echo(f"cchc-score serve: {url} ({t('Ctrl+C to stop', lang)})", err=True)
    if not no_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
