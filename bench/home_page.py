"""The home screen's content as a static web page, for the yardstick of a headless Chromium screenshot.

Title, introduction, hint, and a tile per topic and for help and contact (artwork, title, tagline), in the kiosk's
typeface and colours, at 1920x1080, with the bottom bar's buttons: the same things the kiosk's home screen paints.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from kiosk.content import Content

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "resources" / "fonts"

STYLE = """
@font-face { font-family: Atkinson; font-weight: 400; src: url("{regular}") format("woff2"); }
@font-face { font-family: Atkinson; font-weight: 700; src: url("{bold}") format("woff2"); }
html, body { margin: 0; width: 1920px; height: 1080px; overflow: hidden; }
body { font-family: Atkinson, sans-serif; font-size: 26px; color: #1a1a1a; background: #ffffff;
       display: flex; flex-direction: column; }
header { background: #cc0000; color: #ffffff; padding: 24px 48px; font-size: 44px; font-weight: 700; }
main { flex: 1; display: flex; flex-direction: column; justify-content: flex-end; padding: 24px 48px; gap: 24px; }
.intro { font-size: 30px; max-width: 1400px; }
.hint { font-size: 32px; font-weight: 700; }
.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 24px; }
.tile { border: 2px solid #727272; border-radius: 12px; padding: 24px;
        display: flex; flex-direction: column; gap: 12px; }
.tile img { width: 100%; height: 200px; object-fit: contain; }
.tile h2 { margin: 0; font-size: 30px; }
.tile p { margin: 0; color: #4d4d4d; }
footer { background: #143252; padding: 16px 48px; display: flex; justify-content: flex-end; gap: 16px; }
footer span { background: #24578f; color: #ffffff; border-radius: 8px; padding: 16px 28px; font-weight: 700; }
"""


def write(folder: Path, content: Content, language: str) -> Path:
    """folder/home.html, the home screen in this language; images and fonts are referred to where they are."""
    words = content.interface
    tiles = [(topic.title[language], topic.tagline[language], topic.artwork) for topic in content.topics]
    page = content.contact_page
    tiles.append((page.title[language], page.tagline[language], page.artwork))
    style = STYLE.replace("{regular}", _font("400")).replace("{bold}", _font("700"))
    tile_html = "\n".join(
        f'<div class="tile"><img src="{content.image_path(artwork).resolve().as_uri()}" alt="">'
        f"<h2>{escape(title)}</h2><p>{escape(tagline)}</p></div>"
        for title, tagline, artwork in tiles
    )
    buttons = "".join(f"<span>{escape(language.name)}</span>" for language in content.languages)
    html = f"""<!doctype html>
<html lang="{language}"><head><meta charset="utf-8"><title>{escape(words.welcome[language])}</title>
<style>{style}</style></head>
<body><header>{escape(words.welcome[language])}</header>
<main><p class="intro">{escape(words.welcome_text[language])}</p>
<p class="hint">{escape(words.welcome_hint[language])}</p>
<div class="tiles">{tile_html}</div></main>
<footer>{buttons}</footer></body></html>
"""
    path = folder / "home.html"
    path.write_text(html, encoding="utf-8")
    return path


def _font(weight: str) -> str:
    return (FONTS / f"atkinson-hyperlegible-latin-{weight}-normal.woff2").as_uri()
