package com.example.tickets.web;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.tickets.Ticket;
import com.example.tickets.TicketRepository;

@RestController
public class SpelFilterExpressionBad {
    private final ExpressionParser parser = new SpelExpressionParser();
    private final TicketRepository tickets;

    public SpelFilterExpressionBad(TicketRepository tickets) {
        this.tickets = tickets;
    }

    @GetMapping("/tickets/filter")
    public List<Long> filter(@RequestParam String condition) {
        Expression expr = parser.parseExpression(condition);
        return tickets.findAll().stream()
                .filter(t -> Boolean.TRUE.equals(expr.getValue(new StandardEvaluationContext(t), Boolean.class)))
                .map(Ticket::getId)
                .collect(Collectors.toList());
    }
}
