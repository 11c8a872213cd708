from flask import Flask, render_template_string, request

app = Flask(__name__)


@app.route("/greeting/preview", methods=["POST"])
def greeting_preview():
    name = request.form.get("name", "friend")
    template = request.form.get("template", "Hello {{ name }}!")
    page = "<html><body>" + template + "</body></html>"
    return render_template_string(page, name=name)
