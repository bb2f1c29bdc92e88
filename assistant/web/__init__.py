"""The page's pieces: example questions, strings, HTML/CSS and view builders (pure), and the handlers the page
wires up. Only ``handlers`` and ``page`` import gradio."""
