from flask import Flask, render_template, request
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/comments/preview", methods=["POST"])
def preview_comment():
    text = request.form.get("text", "")
    author = request.form.get("author", "anonymous")
    rendered = Markup("<blockquote>") + escape(text) + Markup("</blockquote>")
    return render_template("comments/preview.html", body=rendered, author=author)
