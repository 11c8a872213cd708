import random

from flask import Flask, jsonify

from .questions import load_questions

app = Flask(__name__)


@app.route("/quiz/<int:quiz_id>")
def quiz(quiz_id):
    questions = load_questions(quiz_id)
    random.shuffle(questions)
    sample = questions[:10]
    return jsonify([{"id": q.id, "text": q.text} for q in sample])
