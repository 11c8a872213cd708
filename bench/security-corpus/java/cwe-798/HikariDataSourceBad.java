package com.example.crm.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class HikariDataSourceBad {
    @Bean
    public DataSource dataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://crm-db.internal:5432/crm");
        config.setUsername("crm_admin");
        config.setPassword("CrmAdm1n#Prod");
        config.setMaximumPoolSize(20);
        return new HikariDataSource(config);
    }
}
