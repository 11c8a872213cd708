package com.example.quiz.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.example.quiz.Question;
import com.example.quiz.QuestionRepository;

@RestController
public class QuizShuffleRandomGood {
    private final QuestionRepository questions;
    private final Random random = new Random();

    public QuizShuffleRandomGood(QuestionRepository questions) {
        this.questions = questions;
    }

    @GetMapping("/quiz/{quizId}")
    public List<Question> quiz(@PathVariable long quizId) {
        List<Question> all = new ArrayList<>(questions.findByQuiz(quizId));
        Collections.shuffle(all, random);
        return all.subList(0, Math.min(10, all.size()));
    }
}
