package com.example.people.web;

import java.util.Set;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DepartmentAllowlistGood {
    private static final Set<String> DEPARTMENTS = Set.of("engineering", "finance", "sales", "support");
    private DirContext ctx;

    @GetMapping("/people/by-department")
    public ResponseEntity<Boolean> any(@RequestParam String department) throws Exception {
        if (!DEPARTMENTS.contains(department)) {
            return ResponseEntity.notFound().build();
        }
        boolean found = ctx.search("ou=people,dc=corp,dc=internal", "(ou=" + department + ")", new SearchControls()).hasMore();
        return ResponseEntity.ok(found);
    }
}
