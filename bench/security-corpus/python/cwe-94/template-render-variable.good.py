from flask import Flask, render_template_string, request

app = Flask(__name__)
PAGE = "<html><body><p>{{ greeting }}, {{ name }}!</p></body></html>"


@app.route("/greeting/preview", methods=["POST"])
def greeting_preview():
    name = request.form.get("name", "friend")
    greeting = request.form.get("greeting", "Hello")
    return render_template_string(PAGE, name=name, greeting=greeting)
