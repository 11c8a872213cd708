package com.example.blog.web;

import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ArticleNativeQueryBad {
    @PersistenceContext
    private EntityManager em;

    @GetMapping("/articles")
    public List<?> list(@RequestParam(defaultValue = "published_at") String sort, @RequestParam(defaultValue = "false") boolean desc) {
        String direction = desc ? "DESC" : "ASC";
        String sql = "SELECT * FROM articles ORDER BY " + sort + " " + direction;
        return em.createNativeQuery(sql).setMaxResults(50).getResultList();
    }
}
